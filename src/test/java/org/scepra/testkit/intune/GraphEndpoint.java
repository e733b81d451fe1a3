package org.scepra.testkit.intune;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;

/**
 * Microsoft Graph's {@code GET /v1.0/servicePrincipals/appId=0000000a-0000-0000-c000-000000000000/endpoints}: the
 * tenant's Intune service URLs, for a valid Graph token only (an Intune token is the wrong audience: 401).
 */
final class GraphEndpoint {
  static final String PATH = "/graph/v1.0/servicePrincipals/appId=" + IntuneDouble.INTUNE_APP_ID + "/endpoints";

  private final IntuneDouble state;

  GraphEndpoint(IntuneDouble state) {
    this.state = state;
  }

  void handle(HttpExchange exchange, String body) throws IOException {
    int status;
    String answer;
    if (!PATH.equals(exchange.getRequestURI().getPath())) {
      status = 404;
      answer = Exchanges.error("Request_ResourceNotFound", "Resource not found.");
    } else if (!"GET".equals(exchange.getRequestMethod())) {
      status = 405;
      answer = Exchanges.error("Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
    } else if (!Bearer.valid(state, exchange, TokenEndpoint.GRAPH)) {
      status = 401;
      answer = Exchanges.error("InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
    } else if (state.graphForbidden) {
      status = 403;
      answer = Exchanges.error("Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    } else {
      status = 200;
      answer = endpoints();
    }
    state.journal.add(new Journal.Call("graph", exchange.getRequestURI().getPath(),
        Exchanges.header(exchange, "client-request-id"), null, Exchanges.header(exchange, "User-Agent"), body, status,
        null, state.clock.instant()));
    Exchanges.send(exchange, status, "application/json; odata.metadata=minimal; charset=utf-8", answer);
  }

  private String endpoints() {
    JsonArrayBuilder value = Json.createArrayBuilder();
    value.add(endpoint("IntuneDeviceCheckinService", "https://127.0.0.1:" + state.port() + "/" + state.scaleUnit
        + "/DeviceCheckin/StatelessDeviceCheckinService"));
    if (state.listsScepService) {
      value.add(endpoint("ScepRequestValidationFEService", state.scepServiceUri()));
    }
    value.add(endpoint("PkiConnectorFEService", state.pkiServiceUri()));
    return Json.createObjectBuilder()
        .add("@odata.context", "https://127.0.0.1:" + state.port() + "/graph/v1.0/$metadata#servicePrincipals('"
            + IntuneDouble.INTUNE_APP_ID + "')/endpoints")
        .add("value", value).build().toString();
  }

  private static jakarta.json.JsonObjectBuilder endpoint(String providerName, String uri) {
    return Json.createObjectBuilder().add("id", java.util.UUID.randomUUID().toString()).add("capability", providerName)
        .add("providerId", java.util.UUID.randomUUID().toString()).add("providerName", providerName)
        .addNull("providerResourceId").add("uri", uri);
  }
}
