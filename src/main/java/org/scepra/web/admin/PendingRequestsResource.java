package org.scepra.web.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
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
import org.scepra.ra.admin.Approvals;
import org.scepra.ra.admin.PendingRequest;

/** Requests waiting for manual approval: list, approve, reject with a reason. */
@Path("pending")
@RequestScoped
@RolesAllowed(AdminApplication.OPERATOR)
public class PendingRequestsResource {

  private Approvals approvals;

  /** For the CDI proxy and JAX-RS, which requires a public constructor it can call. */
  public PendingRequestsResource() {}

  @Inject
  public PendingRequestsResource(Approvals approvals) {
    this.approvals = approvals;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String list() {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (PendingRequest request : approvals.pending()) {
      var entry = Json.createObjectBuilder();
      if (request.profile() != null) {
        entry.add("profile", request.profile());
      }
      if (request.clientAddress() != null) {
        entry.add("clientAddress", request.clientAddress());
      }
      array.add(entry
          .add("alias", request.alias())
          .add("transactionId", request.transactionId())
          .add("subject", request.csr().subject())
          .add("subjectAltNames", Json.createArrayBuilder(request.csr().subjectAltNames()))
          .add("keyType", request.csr().keyType())
          .add("keySize", request.csr().keySize())
          .add("keyUsage", Json.createArrayBuilder(request.csr().keyUsage()))
          .add("csrSha256", request.csr().csrSha256())
          .add("receivedAt", request.receivedAt().toString()));
    }
    return array.build().toString();
  }

  /** No body is needed, but the call must say {@code application/json}: a cross-site form cannot (AdminApiGuard). */
  @POST
  @Path("{alias}/{transactionId}/approve")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response approve(@PathParam("alias") String alias, @PathParam("transactionId") String transactionId,
      @Context SecurityContext security) {
    return AdminResponses.of(approvals.approve(alias, transactionId, security.getUserPrincipal().getName()));
  }

  /** Body: {@code {"reason": "..."}}; the reason reaches the device as failInfoText. */
  @POST
  @Path("{alias}/{transactionId}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response reject(@PathParam("alias") String alias, @PathParam("transactionId") String transactionId,
      String body, @Context SecurityContext security) {
    String reason;
    try (var reader = Json.createReader(new StringReader(body == null || body.isBlank() ? "{}" : body))) {
      JsonObject json = reader.readObject();
      reason = json.getString("reason", null);
    } catch (RuntimeException e) {
      return AdminResponses.badRequest("body must be a JSON object like {\"reason\": \"...\"}");
    }
    return AdminResponses.of(approvals.reject(alias, transactionId, security.getUserPrincipal().getName(), reason));
  }
}
