package org.scepra.testkit.intune;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * PkiConnectorFEService's revocation calls: downloadRevocationRequests ({@code maxRequests} 1..500) and
 * uploadRevocationResults (each result for a request handed out and not answered yet; {@code succeeded} exactly
 * when {@code errorCode} is "0"; error codes from the reference library's CARequestErrorCodes).
 */
final class PkiConnector {
  static final Set<String> ERROR_CODES = Set.of("0", "4000", "4001", "4002", "4003", "4004", "4005", "4006", "4007",
      "4100", "4101", "4102", "4103");

  private final IntuneDouble state;

  PkiConnector(IntuneDouble state) {
    this.state = state;
  }

  ScaleUnit.Reply answer(String operation, JsonObject body) {
    return switch (operation) {
      case "downloadRevocationRequests" -> download(body);
      case "uploadRevocationResults" -> upload(body);
      default -> ScaleUnit.Reply.json(404, Exchanges.error("NotFound", "No operation " + operation));
    };
  }

  private ScaleUnit.Reply download(JsonObject body) {
    if (!(body.get("downloadParameters") instanceof JsonObject parameters)
        || !(parameters.get("maxRequests") instanceof JsonNumber max) || !max.isIntegral() || max.intValue() < 1
        || max.intValue() > 500 || !parameters.containsKey("issuerName")) {
      return badRequest("downloadParameters.maxRequests (1..500) and issuerName are required");
    }
    JsonArrayBuilder value = Json.createArrayBuilder();
    for (RevocationQueue.Queued queued : state.revocations.outstanding(max.intValue())) {
      var request = Json.createObjectBuilder().add("requestContext", queued.requestContext())
          .add("serialNumber", queued.serialNumber()).add("caConfiguration", "ca.example\\Issuing CA");
      value.add(queued.issuerName() == null ? request.addNull("issuerName") : request.add("issuerName",
          queued.issuerName()));
    }
    return ScaleUnit.Reply.json(200, Json.createObjectBuilder().add("value", value).build().toString());
  }

  private ScaleUnit.Reply upload(JsonObject body) {
    if (!(body.get("results") instanceof JsonArray results) || results.isEmpty()) {
      return badRequest("results must be a non-empty array");
    }
    for (JsonValue entry : results) {
      if (!(entry instanceof JsonObject result) || !(result.get("requestContext") instanceof JsonString context)
          || !state.revocations.isOutstanding(context.getString())) {
        return badRequest("every result must answer a request that was handed out and not answered yet");
      }
      JsonValue succeeded = result.get("succeeded");
      if ((succeeded != JsonValue.TRUE && succeeded != JsonValue.FALSE)
          || !(result.get("errorCode") instanceof JsonString code) || !ERROR_CODES.contains(code.getString())
          || (succeeded == JsonValue.TRUE) != "0".equals(code.getString())
          || !(result.get("errorMessage") instanceof JsonString)) {
        return badRequest("a result needs succeeded, errorCode (0 exactly when it succeeded) and errorMessage");
      }
    }
    for (JsonValue entry : results) {
      JsonObject result = (JsonObject) entry;
      state.revocations.answered(result.getString("requestContext"), result);
    }
    return ScaleUnit.Reply.json(200, "{\"value\":true}");
  }

  private static ScaleUnit.Reply badRequest(String message) {
    return ScaleUnit.Reply.json(400, Exchanges.error("BadRequest", message));
  }
}
