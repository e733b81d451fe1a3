package org.scepra.ra.intune;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client-credentials tokens from Entra ID (OAuth 2.0, v2 endpoint), one per scope, kept until shortly before they
 * expire. The scopes are Microsoft's resource ids, whatever base URLs the endpoint is configured with.
 */
final class EntraTokens {
  /** Microsoft Graph, for service discovery. */
  static final String GRAPH = "https://graph.microsoft.com/.default";
  /** Intune's ScepActions and PKI connector services; the double slash is Intune's resource id plus "/.default". */
  static final String INTUNE = "https://api.manage.microsoft.com//.default";
  /** Renewed this long before it expires (or at half its lifetime, if that is shorter). */
  static final Duration MARGIN = Duration.ofMinutes(5);

  private record Token(String value, Instant renewAt) {}

  private final IntuneSettings settings;
  private final IntuneHttp http;
  private final Clock clock;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  EntraTokens(IntuneSettings settings, IntuneHttp http, Clock clock) {
    this.settings = settings;
    this.http = http;
    this.clock = clock;
  }

  /** A bearer token for {@code scope}: the kept one, or a new one. */
  String token(String scope) throws IntuneCallException {
    Token kept = tokens.get(scope);
    if (kept != null && clock.instant().isBefore(kept.renewAt())) {
      return kept.value();
    }
    synchronized (this) {
      kept = tokens.get(scope);
      if (kept != null && clock.instant().isBefore(kept.renewAt())) {
        return kept.value();
      }
      Token fresh = request(scope);
      tokens.put(scope, fresh);
      return fresh.value();
    }
  }

  /** Drops {@code token} after a service refused it (401), so that the next call gets a new one. */
  void forget(String scope, String token) {
    tokens.computeIfPresent(scope, (key, kept) -> kept.value().equals(token) ? null : kept);
  }

  private Token request(String scope) throws IntuneCallException {
    String requestId = UUID.randomUUID().toString();
    URI uri = settings.loginUrl().resolve(settings.tenant() + "/oauth2/v2.0/token");
    String form = "grant_type=client_credentials&client_id=" + encode(settings.clientId()) + "&client_secret="
        + encode(settings.clientSecret()) + "&scope=" + encode(scope);
    Instant asked = clock.instant();
    IntuneHttp.Answer answer = http.send(http.request(uri, requestId)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(), requestId);
    JsonObject json = answer.json().orElse(null);
    if (answer.status() != 200) {
      throw IntuneCallException.http(answer.status(), "Entra ID refused the token request for " + scope + ": HTTP "
          + answer.status() + refusal(json), answer.clientRequestId());
    }
    if (json == null || !(json.get("access_token") instanceof JsonString token) || token.getString().isEmpty()
        || !"bearer".equalsIgnoreCase(json.getString("token_type", ""))) {
      throw new IntuneCallException(IntuneCallException.Kind.NOT_JSON, 0,
          "Entra ID's token answer is not a bearer token", answer.clientRequestId());
    }
    Duration lifetime = Duration.ofSeconds(seconds(json.get("expires_in")));
    Duration margin = lifetime.dividedBy(2).compareTo(MARGIN) < 0 ? lifetime.dividedBy(2) : MARGIN;
    return new Token(token.getString(), asked.plus(lifetime).minus(margin));
  }

  /** Entra's error and its AADSTS number, e.g. " (invalid_client, AADSTS7000215)". */
  private static String refusal(JsonObject json) {
    if (json == null || !(json.get("error") instanceof JsonString error)) {
      return "";
    }
    String code = json.get("error_codes") instanceof jakarta.json.JsonArray codes && !codes.isEmpty()
        && codes.get(0) instanceof JsonNumber number ? ", AADSTS" + number.longValue() : "";
    return " (" + error.getString() + code + ")";
  }

  /** expires_in: a number (v2 endpoint) or a numeric string (v1); absent or odd means no caching at all. */
  private static long seconds(JsonValue value) {
    try {
      if (value instanceof JsonNumber number) {
        return Math.max(0, number.longValueExact());
      }
      if (value instanceof JsonString text) {
        return Math.max(0, Long.parseLong(text.getString()));
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // treated as expired at once
    }
    return 0;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
