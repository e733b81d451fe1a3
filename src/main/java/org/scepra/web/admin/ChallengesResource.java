package org.scepra.web.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.util.Optional;
import org.scepra.ra.challenge.ChallengeIssuance;

/** One-time challenges for an endpoint, like NDES's mscep_admin page. */
@Path("challenges")
@RequestScoped
@RolesAllowed({AdminApplication.OPERATOR, AdminApplication.CHALLENGE_ISSUER})
public class ChallengesResource {

  private ChallengeIssuance issuance;

  /** For the CDI proxy and JAX-RS, which requires a public constructor it can call. */
  public ChallengesResource() {}

  @Inject
  public ChallengesResource(ChallengeIssuance issuance) {
    this.issuance = issuance;
  }

  /**
   * Body (optional): {@code {"subject": "CN=device-1", "subjectAltName": "device-1.example.com"}}. JSON only, so that
   * no form on another site can mint (see {@code AdminApiGuard}).
   */
  @POST
  @Path("{alias}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response mint(@PathParam("alias") String alias, String body, @Context SecurityContext security) {
    JsonObject json;
    try (var reader = Json.createReader(new StringReader(body == null || body.isBlank() ? "{}" : body))) {
      json = reader.readObject();
    } catch (RuntimeException e) {
      return AdminResponses.badRequest("body must be a JSON object like {\"subject\": \"CN=...\"}");
    }
    ChallengeIssuance.Result result = issuance.mint(alias, security.getUserPrincipal().getName(),
        Optional.ofNullable(json.getString("subject", null)), Optional.ofNullable(json.getString("subjectAltName", null)));
    if (result instanceof ChallengeIssuance.Refused refused) {
      return AdminResponses.of(refused.reason());
    }
    ChallengeIssuance.Issued issued = ((ChallengeIssuance.Minted) result).issued();
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.ok(Json.createObjectBuilder()
            .add("challenge", issued.challenge())
            .add("expiresAt", issued.expiresAt().toString())
            .add("caThumbprintSha1", issued.caThumbprintSha1())
            .add("caThumbprintSha256", issued.caThumbprintSha256())
            .build().toString(), MediaType.APPLICATION_JSON)
        .cacheControl(noStore).build();
  }
}
