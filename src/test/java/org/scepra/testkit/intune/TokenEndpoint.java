package org.scepra.testkit.intune;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Entra ID's v2 token endpoint, {@code POST /login/{tenant}/oauth2/v2.0/token}, client credentials only: refuses
 * an unknown tenant, client id, secret or scope with Entra's error shape and AADSTS numbers. The secret is
 * blanked in the journal.
 */
final class TokenEndpoint {
  static final String GRAPH = "https://graph.microsoft.com/.default";
  static final String INTUNE = "https://api.manage.microsoft.com//.default";
  /** Entra also takes Intune's resource id with a single slash. */
  static final Set<String> SCOPES = Set.of(GRAPH, INTUNE, "https://api.manage.microsoft.com/.default");

  private final IntuneDouble state;

  TokenEndpoint(IntuneDouble state) {
    this.state = state;
  }

  void handle(HttpExchange exchange, String body) throws IOException {
    Map<String, String> form = form(body);
    String[] path = exchange.getRequestURI().getPath().split("/");
    int status;
    String answer;
    if (!"POST".equals(exchange.getRequestMethod()) || path.length != 6 || !"oauth2".equals(path[3])
        || !"v2.0".equals(path[4]) || !"token".equals(path[5])) {
      status = 404;
      answer = "";
    } else if (!String.valueOf(Exchanges.header(exchange, "Content-Type")).startsWith("application/x-www-form-urlencoded")) {
      status = 400;
      answer = refusal("invalid_request", 900144, "The request body must contain the parameter 'grant_type'.");
    } else if (!state.tenant.equals(path[2])) {
      status = 400;
      answer = refusal("invalid_request", 90002, "Tenant '" + path[2] + "' not found.");
    } else if (!"client_credentials".equals(form.get("grant_type"))) {
      status = 400;
      answer = refusal("unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
    } else if (!state.clientId.equals(form.get("client_id"))) {
      status = 400;
      answer = refusal("unauthorized_client", 700016, "Application was not found in the directory.");
    } else if (!state.clientSecret.equals(form.get("client_secret"))) {
      status = 401;
      answer = refusal("invalid_client", 7000215, "Invalid client secret provided.");
    } else if (!SCOPES.contains(form.get("scope"))) {
      status = 400;
      answer = refusal("invalid_scope", 70011, "The provided value for the input parameter 'scope' is not valid.");
    } else if (state.tokenStatus != 0) {
      status = state.tokenStatus;
      answer = refusal("temporarily_unavailable", 50001, "The service is temporarily unavailable.");
    } else {
      String scope = form.get("scope").startsWith("https://graph.") ? GRAPH : INTUNE;
      String token = (scope.equals(GRAPH) ? "graph-" : "intune-") + UUID.randomUUID();
      long lifetime = state.tokenLifetime.toSeconds();
      state.tokens.put(token, new IntuneDouble.IssuedToken(scope, state.clock.instant().plusSeconds(lifetime)));
      status = 200;
      answer = Json.createObjectBuilder().add("token_type", "Bearer").add("expires_in", lifetime)
          .add("ext_expires_in", lifetime).add("access_token", token).build().toString();
    }
    state.journal.add(new Journal.Call("token", exchange.getRequestURI().getPath(),
        Exchanges.header(exchange, "client-request-id"), null, Exchanges.header(exchange, "User-Agent"),
        body.replaceAll("client_secret=[^&]*", "client_secret=***"), status, null, state.clock.instant()));
    Exchanges.send(exchange, status, answer.isEmpty() ? null : "application/json; charset=utf-8", answer);
  }

  private static String refusal(String error, long code, String description) {
    return Json.createObjectBuilder().add("error", error)
        .add("error_description", "AADSTS" + code + ": " + description)
        .add("error_codes", Json.createArrayBuilder().add(code)).build().toString();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }
}
