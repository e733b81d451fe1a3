package org.scepra.ra.intune;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * POSTs JSON to one of the tenant's Intune services. Nothing decided is ever asked twice: a call is repeated once
 * only when it was refused before being read, after a 401 with a new token, and after a connection error, 404 or
 * 5xx at a freshly discovered address (the tenant's scale unit may have moved). A timeout is not repeated. A
 * throttled call (HTTP 429) was not acted on: {@link IntuneHttp} sends it again when the service says.
 */
final class IntuneCalls {

  /** A JSON answer, with the client-request-id of the call that got it. */
  record Reply(JsonObject body, String clientRequestId) {}

  private final IntuneHttp http;
  private final EntraTokens tokens;
  private final ServiceDiscovery discovery;

  IntuneCalls(IntuneHttp http, EntraTokens tokens, ServiceDiscovery discovery) {
    this.http = http;
    this.tokens = tokens;
    this.discovery = discovery;
  }

  Reply post(String service, String path, String apiVersion, JsonObject body) throws IntuneCallException {
    boolean rediscovered = false;
    boolean reauthenticated = false;
    while (true) {
      String requestId = UUID.randomUUID().toString();
      String token = null;
      try {
        URI uri = URI.create(discovery.service(service) + "/" + path);
        token = tokens.token(EntraTokens.INTUNE);
        IntuneHttp.Answer answer = http.send(http.request(uri, requestId)
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .header("Accept", "application/json").header("api-version", apiVersion)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(), requestId);
        JsonObject json = answer.json().orElse(null);
        if (answer.status() / 100 != 2) {
          throw IntuneCallException.http(answer.status(), "Intune " + service + " answered HTTP " + answer.status()
              + GraphErrors.code(json), answer.clientRequestId());
        }
        if (json == null) {
          throw new IntuneCallException(IntuneCallException.Kind.NOT_JSON, 0, "Intune " + service
              + " answered with something other than JSON", answer.clientRequestId());
        }
        return new Reply(json, answer.clientRequestId());
      } catch (IntuneCallException e) {
        if (e.kind() == IntuneCallException.Kind.HTTP && e.status() == 401 && token != null && !reauthenticated) {
          tokens.forget(EntraTokens.INTUNE, token);
          reauthenticated = true;
        } else if (e.suggestsRediscovery() && !rediscovered) {
          discovery.forget();
          rediscovered = true;
        } else {
          throw e;
        }
      }
    }
  }
}
