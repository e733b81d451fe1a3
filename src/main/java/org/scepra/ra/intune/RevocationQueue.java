package org.scepra.ra.intune;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Intune's queue of revocations for the CA (PkiConnectorFEService): the requests Intune queued when devices were
 * retired or wiped, and the results sent back. Error codes are Intune's (the reference library's
 * CARequestErrorCodes), as numeric strings.
 */
public final class RevocationQueue {
  static final String API_VERSION = "5019-05-05";
  /** Intune's maximum per download. */
  static final int MAX_REQUESTS = 500;

  /** One revocation Intune asks for; {@code issuerName} and {@code caConfiguration} may be null. */
  public record Request(String requestContext, String serialNumber, String issuerName, String caConfiguration) {}

  /** What came of one request: {@code errorCode} "0" exactly when it succeeded. */
  public record Result(String requestContext, boolean succeeded, String errorCode, String errorMessage) {
    public static Result success(String requestContext) {
      return new Result(requestContext, true, NONE, "");
    }
  }

  public static final String NONE = "0";
  public static final String PARAMETER_DATA_INVALID = "4002";
  public static final String CERTIFICATE_NOT_FOUND = "4004";
  public static final String NOT_SUPPORTED = "4006";
  public static final String RETRYABLE_SERVICE_EXCEPTION = "4100";
  public static final String SERVICE_UNAVAILABLE = "4101";

  private final IntuneCalls calls;

  RevocationQueue(IntuneClient client) {
    this.calls = client.calls();
  }

  /** Up to {@code max} queued requests (entries without a requestContext cannot be answered and are left out). */
  List<Request> download(int max) throws IntuneCallException {
    JsonObject body = Json.createObjectBuilder().add("downloadParameters", Json.createObjectBuilder()
        .add("maxRequests", Math.min(max, MAX_REQUESTS)).add("issuerName", JsonValue.NULL)).build();
    IntuneCalls.Reply reply = calls.post(ServiceDiscovery.PKI_CONNECTOR,
        "CertificateAuthorityRequests/downloadRevocationRequests", API_VERSION, body);
    if (!(reply.body().get("value") instanceof JsonArray value)) {
      throw new IntuneCallException(IntuneCallException.Kind.NOT_JSON, 0,
          "Intune's revocation requests are not the JSON expected", reply.clientRequestId());
    }
    List<Request> requests = new ArrayList<>();
    for (JsonValue entry : value) {
      if (entry instanceof JsonObject request && text(request, "requestContext") != null) {
        requests.add(new Request(text(request, "requestContext"), text(request, "serialNumber"),
            text(request, "issuerName"), text(request, "caConfiguration")));
      }
    }
    return requests;
  }

  /** Reports the results; Intune answers {@code {"value":true}} when it took them. */
  void upload(List<Result> results) throws IntuneCallException {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (Result result : results) {
      array.add(Json.createObjectBuilder().add("requestContext", result.requestContext())
          .add("succeeded", result.succeeded()).add("errorCode", result.errorCode())
          .add("errorMessage", result.errorMessage()));
    }
    IntuneCalls.Reply reply = calls.post(ServiceDiscovery.PKI_CONNECTOR,
        "CertificateAuthorityRequests/uploadRevocationResults", API_VERSION,
        Json.createObjectBuilder().add("results", array).build());
    if (reply.body().get("value") != JsonValue.TRUE) {
      throw new IntuneCallException(IntuneCallException.Kind.NOT_JSON, 0,
          "Intune did not take the revocation results", reply.clientRequestId());
    }
  }

  private static String text(JsonObject object, String key) {
    return object.get(key) instanceof JsonString value && !value.getString().isEmpty() ? value.getString() : null;
  }
}
