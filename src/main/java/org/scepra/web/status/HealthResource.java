package org.scepra.web.status;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.scepra.ra.operations.Readiness;

/**
 * Health in MicroProfile Health's JSON shape: 200 and UP, or 503 and DOWN with the failing checks.
 * Details name components, never configuration values or secrets.
 */
@Path("")
@RequestScoped
public class HealthResource {

  private Readiness readiness;

  /** For the CDI proxy and JAX-RS, which requires a public constructor it can call. */
  public HealthResource() {}

  @Inject
  public HealthResource(Readiness readiness) {
    this.readiness = readiness;
  }

  /** The application is deployed and answering. */
  @GET
  @Path("live")
  @Produces(MediaType.APPLICATION_JSON)
  public Response live() {
    return answer(List.of(new Readiness.Check("scepra", true, "deployed")));
  }

  /** The database answers and every endpoint's CA backend is up. */
  @GET
  @Path("ready")
  @Produces(MediaType.APPLICATION_JSON)
  public Response ready() {
    return answer(readiness.checks());
  }

  private static Response answer(List<Readiness.Check> checks) {
    boolean up = checks.stream().allMatch(Readiness.Check::up);
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (Readiness.Check check : checks) {
      array.add(Json.createObjectBuilder().add("name", check.name()).add("status", check.up() ? "UP" : "DOWN")
          .add("data", Json.createObjectBuilder().add("detail", check.detail())));
    }
    String body = Json.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", array).build().toString();
    return Response.status(up ? 200 : 503).type(MediaType.APPLICATION_JSON).entity(body).build();
  }
}
