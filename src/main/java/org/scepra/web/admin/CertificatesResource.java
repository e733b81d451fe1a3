package org.scepra.web.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.scepra.ra.admin.Revocations;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.spi.CertificateRevoker;

/** Certificates issued through scepra: look up by serial, revoke. */
@Path("certificates")
@RequestScoped
@RolesAllowed(AdminApplication.OPERATOR)
public class CertificatesResource {

  private Revocations revocations;

  /** For the CDI proxy and JAX-RS, which requires a public constructor it can call. */
  public CertificatesResource() {}

  @Inject
  public CertificatesResource(Revocations revocations) {
    this.revocations = revocations;
  }

  @GET
  @Path("{serial}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response lookup(@PathParam("serial") String serial) {
    List<IssuedCertificate> found = revocations.find(serial);
    if (found.isEmpty()) {
      return Response.status(404).type(MediaType.APPLICATION_JSON)
          .entity(Json.createObjectBuilder().add("result", "NOT_FOUND").build().toString()).build();
    }
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (IssuedCertificate c : found) {
      array.add(Json.createObjectBuilder()
          .add("alias", c.alias()).add("transactionId", c.transactionId())
          .add("issuer", c.issuerDn()).add("serial", c.serialHex()).add("subject", c.subject())
          .add("notBefore", c.notBefore().toString()).add("notAfter", c.notAfter().toString())
          .add("status", c.revoked() ? "REVOKED" : "VALID")
          .add("certificate", Base64.getEncoder().encodeToString(c.der())));
    }
    return Response.ok(array.build().toString(), MediaType.APPLICATION_JSON).build();
  }

  /** Body: {@code {"reason": "keyCompromise"}} (a CRLReason name; default unspecified). */
  @POST
  @Path("{serial}/revoke")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response revoke(@PathParam("serial") String serial, String body, @Context SecurityContext security) {
    CertificateRevoker.Reason reason;
    try (var reader = Json.createReader(new StringReader(body == null || body.isBlank() ? "{}" : body))) {
      reason = reason(reader.readObject().getString("reason", "unspecified"));
    } catch (RuntimeException e) {
      return AdminResponses.badRequest("body must be {\"reason\": \"<CRLReason, e.g. keyCompromise>\"}");
    }
    return AdminResponses.of(revocations.revoke(serial, reason, security.getUserPrincipal().getName()));
  }

  /** keyCompromise → KEY_COMPROMISE. */
  static CertificateRevoker.Reason reason(String name) {
    return CertificateRevoker.Reason.valueOf(name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
  }
}
