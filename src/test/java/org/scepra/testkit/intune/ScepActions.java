package org.scepra.testkit.intune;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * validateRequest, successNotification, failureNotification. Like the service: the request's keys must be there;
 * the CSR must be base64 of a DER PKCS#10 carrying a challenge this double handed out; a notification must name
 * a request validated with Success (same transactionId, same CSR), with the fields in their formats.
 */
final class ScepActions {
  private static final List<String> VALIDATE_KEYS = List.of("transactionId", "certificateRequest", "callerInfo");
  private static final List<String> SUCCESS_KEYS = List.of("transactionId", "certificateRequest",
      "certificateThumbprint", "certificateSerialNumber", "certificateExpirationDateUtc",
      "issuingCertificateAuthority", "callerInfo");
  private static final List<String> FAILURE_KEYS = List.of("transactionId", "certificateRequest", "callerInfo");

  private final IntuneDouble state;

  ScepActions(IntuneDouble state) {
    this.state = state;
  }

  ScaleUnit.Reply answer(String action, JsonObject body) {
    return switch (action) {
      case "validateRequest" -> validate(body.get("request") instanceof JsonObject request ? request : null);
      case "successNotification" -> success(body.get("notification") instanceof JsonObject n ? n : null);
      case "failureNotification" -> failure(body.get("notification") instanceof JsonObject n ? n : null);
      default -> ScaleUnit.Reply.json(404, Exchanges.error("NotFound", "No action " + action));
    };
  }

  private ScaleUnit.Reply validate(JsonObject request) {
    String missing = missing(request, VALIDATE_KEYS);
    if (missing != null) {
      return badRequest("request." + missing + " is required");
    }
    PKCS10CertificationRequest csr = csr(request.getString("certificateRequest"));
    if (csr == null) {
      return code("CertificateRequestDecodingFailed", "Failed to decode the certificate request.");
    }
    String challenge = challenge(csr);
    if (challenge == null) {
      return code("ChallengePasswordMissing", "The certificate request has no challenge password.");
    }
    Scenario scenario = state.challenges.get(challenge);
    if (scenario == null) {
      return code("ChallengeDeserializationError", "Failed to deserialize the challenge.");
    }
    if (scenario.expectedSubject() != null && !new X500Name(scenario.expectedSubject()).equals(csr.getSubject())) {
      return code("SubjectNameMismatch", "The subject name does not match the one in the challenge.");
    }
    ScaleUnit.Reply reply = answer(scenario.validation());
    if ("Success".equals(reply.code())) {
      state.validated.put(request.getString("transactionId"), request.getString("certificateRequest"));
    }
    return reply;
  }

  private ScaleUnit.Reply success(JsonObject notification) {
    String missing = missing(notification, SUCCESS_KEYS);
    if (missing != null) {
      return badRequest("notification." + missing + " is required");
    }
    if (!notification.getString("certificateThumbprint").matches("[0-9A-Fa-f]{40}")
        || !notification.getString("certificateSerialNumber").matches("[0-9A-Fa-f]+")
        || !isoUtc(notification.getString("certificateExpirationDateUtc"))) {
      return badRequest("the thumbprint, serial number or expiration date is malformed");
    }
    return notified(notification, Scenario::successNotification);
  }

  private ScaleUnit.Reply failure(JsonObject notification) {
    String missing = missing(notification, FAILURE_KEYS);
    if (missing != null) {
      return badRequest("notification." + missing + " is required");
    }
    if (!(notification.get("hResult") instanceof JsonNumber hResult) || !hResult.isIntegral()
        || hResult.longValue() < Integer.MIN_VALUE || hResult.longValue() > Integer.MAX_VALUE) {
      return badRequest("notification.hResult must be a 32-bit integer");
    }
    if (!(notification.get("errorDescription") instanceof JsonString description)
        || description.getString().isEmpty() || description.getString().length() > 255) {
      return badRequest("notification.errorDescription must have 1 to 255 characters");
    }
    return notified(notification, Scenario::failureNotification);
  }

  private ScaleUnit.Reply notified(JsonObject notification, java.util.function.Function<Scenario, Answer> answer) {
    String validatedCsr = state.validated.get(notification.getString("transactionId"));
    if (validatedCsr == null || !validatedCsr.equals(notification.getString("certificateRequest"))) {
      return badRequest("no request with this transactionId and certificateRequest was validated");
    }
    Scenario scenario = state.challenges.get(challenge(csr(validatedCsr)));
    return answer(answer.apply(scenario));
  }

  private ScaleUnit.Reply answer(Answer answer) {
    if (answer instanceof Answer.Slow slow) {
      try {
        Thread.sleep(slow.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return answer(slow.then());
    }
    if (answer instanceof Answer.Http http) {
      return new ScaleUnit.Reply(http.status(), http.contentType(), http.body(), null);
    }
    Answer.Code code = (Answer.Code) answer;
    return code(code.code(), code.description());
  }

  private ScaleUnit.Reply code(String code, String description) {
    String body = Json.createObjectBuilder().add("code", code).add("errorDescription", description)
        .add("@odata.context", "https://127.0.0.1:" + state.port() + "/" + state.scaleUnit
            + "/RACerts/StatelessScepRequestValidationService/$metadata"
            + "#microsoft.management.services.scepRequestValidationService.api.scepActionResult")
        .build().toString();
    return new ScaleUnit.Reply(200, "application/json; charset=utf-8", body, code);
  }

  private static ScaleUnit.Reply badRequest(String message) {
    return ScaleUnit.Reply.json(400, Exchanges.error("BadRequest", message));
  }

  /** The first key that is not a non-empty string; null if all are. */
  private static String missing(JsonObject object, List<String> keys) {
    if (object == null) {
      return keys.get(0);
    }
    return keys.stream().filter(key -> !(object.get(key) instanceof JsonString value) || value.getString().isEmpty())
        .findFirst().orElse(null);
  }

  /** Plain base64 (no line breaks) of a DER PKCS#10, or null. */
  static PKCS10CertificationRequest csr(String base64) {
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
      return Arrays.equals(der, csr.toASN1Structure().getEncoded(ASN1Encoding.DER)) ? csr : null;
    } catch (Exception e) {
      return null;
    }
  }

  static String challenge(PKCS10CertificationRequest csr) {
    Attribute[] attributes = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword);
    if (attributes.length != 1 || !(attributes[0].getAttrValues().getObjectAt(0) instanceof ASN1String value)) {
      return null;
    }
    return value.getString();
  }

  private static boolean isoUtc(String value) {
    try {
      Instant.parse(value);
      return value.endsWith("Z");
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
