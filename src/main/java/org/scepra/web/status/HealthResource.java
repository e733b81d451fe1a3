package org.scepra.web.status;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.scepra.ra.operations.Readiness;

/**
 * Health in MicroProfile Health's JSON shape: 200 and UP, or 503 and DOWN, with every check; each
 * check's data has its {@code detail} and, for readiness, when it was taken ({@code checkedAt},
 * {@code ageMillis}) and whether a fresher one is being taken ({@code checking}). Details name
 * components, never secrets.
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
    return answer(List.of(new Readiness.Observed(new Readiness.Check("scepra", true, "deployed"), Optional.empty(),
        false)));
  }

  /**
   * Every readiness check (the database, each endpoint and its backend, ...) with its last result and that
   * result's age: checks run in the background, so this answers at once whatever the backends do.
   */
  @GET
  @Path("ready")
  @Produces(MediaType.APPLICATION_JSON)
  public Response ready() {
    return answer(readiness.checks());
  }

  private static Response answer(List<Readiness.Observed> checks) {
    boolean up = checks.stream().allMatch(observed -> observed.check().up());
    Instant now = Instant.now();
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (Readiness.Observed observed : checks) {
      Readiness.Check check = observed.check();
      JsonObjectBuilder data = Json.createObjectBuilder().add("detail", check.detail());
      observed.checkedAt().ifPresent(at -> data.add("checkedAt", at.toString())
          .add("ageMillis", Math.max(0, Duration.between(at, now).toMillis())));
      if (observed.checking()) {
        data.add("checking", true);
      }
      array.add(Json.createObjectBuilder().add("name", check.name()).add("status", check.up() ? "UP" : "DOWN")
          .add("data", data));
    }
    String body = Json.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", array).build().toString();
    return Response.status(up ? 200 : 503).type(MediaType.APPLICATION_JSON).entity(body).build();
  }
}
