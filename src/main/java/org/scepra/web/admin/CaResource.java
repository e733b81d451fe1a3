package org.scepra.web.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import org.scepra.ra.admin.CaRollovers;
import org.scepra.spi.CaRollover;
import org.scepra.spi.NextCa;

/** The CA behind an endpoint: rollover to a new key and certificate. */
@Path("ca")
@RequestScoped
@RolesAllowed(AdminApplication.OPERATOR)
public class CaResource {

  private CaRollovers rollovers;

  /** For the CDI proxy and JAX-RS, which requires a public constructor it can call. */
  public CaResource() {}

  @Inject
  public CaResource(CaRollovers rollovers) {
    this.rollovers = rollovers;
  }

  /** Body (optional): {@code {"activateAt": "2027-03-01T00:00:00Z", "keySize": 3072}}. JSON only. */
  @POST
  @Path("{alias}/rollover")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response rollover(@PathParam("alias") String alias, String body, @Context SecurityContext security) {
    CaRollover.Request request;
    try {
      request = request(body);
    } catch (IllegalArgumentException e) {
      return AdminResponses.badRequest(e.getMessage());
    }
    CaRollovers.Outcome outcome = rollovers.rollover(alias, request, security.getUserPrincipal().getName());
    if (outcome instanceof CaRollovers.Scheduled scheduled) {
      return Response.ok(describe(scheduled.next()).toString(), MediaType.APPLICATION_JSON).build();
    }
    if (outcome instanceof CaRollovers.Invalid invalid) {
      return AdminResponses.badRequest(invalid.message());
    }
    return AdminResponses.of(((CaRollovers.Refused) outcome).reason());
  }

  static CaRollover.Request request(String body) {
    JsonObject json;
    try (var reader = Json.createReader(new StringReader(body == null || body.isBlank() ? "{}" : body))) {
      json = reader.readObject();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "body must be a JSON object like {\"activateAt\": \"2027-03-01T00:00:00Z\", \"keySize\": 3072}");
    }
    Optional<Instant> activateAt = Optional.empty();
    JsonValue at = json.get("activateAt");
    if (at != null && at != JsonValue.NULL) {
      if (!(at instanceof JsonString text)) {
        throw new IllegalArgumentException("activateAt must be an ISO-8601 date and time with offset");
      }
      try {
        activateAt = Optional.of(OffsetDateTime.parse(text.getString()).toInstant());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("activateAt must be an ISO-8601 date and time with offset, e.g. "
            + "2027-03-01T00:00:00Z");
      }
    }
    OptionalInt keySize = OptionalInt.empty();
    JsonValue size = json.get("keySize");
    if (size != null && size != JsonValue.NULL) {
      if (!(size instanceof JsonNumber number) || !number.isIntegral()) {
        throw new IllegalArgumentException("keySize must be a whole number of bits");
      }
      keySize = OptionalInt.of(number.intValue());
    }
    return new CaRollover.Request(activateAt, keySize);
  }

  private static JsonObject describe(NextCa next) {
    X509Certificate ca = next.certificates().get(0);
    JsonArrayBuilder certificates = Json.createArrayBuilder();
    for (X509Certificate certificate : next.certificates()) {
      certificates.add(Json.createObjectBuilder()
          .add("subject", certificate.getSubjectX500Principal().getName())
          .add("issuer", certificate.getIssuerX500Principal().getName())
          .add("certificate", Base64.getEncoder().encodeToString(encoded(certificate))));
    }
    return Json.createObjectBuilder()
        .add("result", "DONE")
        .add("activateAt", next.activateAt().toString())
        .add("subject", ca.getSubjectX500Principal().getName())
        .add("notAfter", ca.getNotAfter().toInstant().toString())
        .add("caThumbprintSha256", sha256(ca))
        .add("certificates", certificates)
        .build();
  }

  private static String sha256(X509Certificate certificate) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded(certificate)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
