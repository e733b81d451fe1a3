package org.scepra.testkit.intune;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.Optional;

/**
 * The tenant's scale unit: ScepRequestValidationFEService ({@code .../ScepActions/<action>}, api-version 2018-02-20)
 * and PkiConnectorFEService ({@code .../CertificateAuthorityRequests/<operation>}, api-version 5019-05-05). What
 * both check: POST, an Intune token, the api-version, a JSON body. A path of another scale unit is 404, as after
 * the tenant moved.
 */
final class ScaleUnit {
  static final String SCEP_API_VERSION = "2018-02-20";
  static final String PKI_API_VERSION = "5019-05-05";

  private final IntuneDouble state;
  private final ScepActions scepActions;
  private final PkiConnector pkiConnector;

  ScaleUnit(IntuneDouble state) {
    this.state = state;
    this.scepActions = new ScepActions(state);
    this.pkiConnector = new PkiConnector(state);
  }

  /** An answer and, for ScepActions, the code in it. */
  record Reply(int status, String contentType, String body, String code) {
    static Reply json(int status, String body) {
      return new Reply(status, "application/json; charset=utf-8", body, null);
    }
  }

  void handle(HttpExchange exchange, String body) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String scep = "/" + state.scaleUnit + IntuneDouble.SCEP_SERVICE_PATH + "/ScepActions/";
    String pki = "/" + state.scaleUnit + IntuneDouble.PKI_SERVICE_PATH + "/CertificateAuthorityRequests/";
    String service;
    Reply reply;
    if (path.startsWith(scep)) {
      service = path.substring(scep.length());
      reply = checked(exchange, body, SCEP_API_VERSION).orElseGet(() -> scepActions.answer(service, json(body)));
    } else if (path.startsWith(pki)) {
      service = path.substring(pki.length());
      reply = checked(exchange, body, PKI_API_VERSION).orElseGet(() -> pkiConnector.answer(service, json(body)));
    } else {
      service = "unknown";
      reply = new Reply(404, null, "", null);
    }
    state.journal.add(new Journal.Call(service, path, Exchanges.header(exchange, "client-request-id"),
        Exchanges.header(exchange, "api-version"), Exchanges.header(exchange, "User-Agent"), body, reply.status(),
        reply.code(), state.clock.instant()));
    Exchanges.send(exchange, reply.status(), reply.contentType(), reply.body());
  }

  /** A refusal if the request is not what the service takes; empty if it is. */
  private Optional<Reply> checked(HttpExchange exchange, String body, String apiVersion) {
    if (!"POST".equals(exchange.getRequestMethod())) {
      return Optional.of(Reply.json(405, Exchanges.error("MethodNotAllowed", "The HTTP method is not allowed.")));
    }
    if (!Bearer.valid(state, exchange, TokenEndpoint.INTUNE)) {
      return Optional.of(Reply.json(401, Exchanges.error("Unauthorized", "Authentication failed.")));
    }
    if (!apiVersion.equals(Exchanges.header(exchange, "api-version"))) {
      return Optional.of(Reply.json(400, Exchanges.error("BadRequest",
          "The api-version '" + Exchanges.header(exchange, "api-version") + "' is not supported.")));
    }
    if (!String.valueOf(Exchanges.header(exchange, "Content-Type")).startsWith("application/json")) {
      return Optional.of(Reply.json(415, Exchanges.error("UnsupportedMediaType", "Content-Type must be JSON.")));
    }
    if (Exchanges.json(body).isEmpty()) {
      return Optional.of(Reply.json(400, Exchanges.error("BadRequest", "The request body is not valid JSON.")));
    }
    return Optional.empty();
  }

  private static JsonObject json(String body) {
    return Exchanges.json(body).orElseThrow();
  }
}
