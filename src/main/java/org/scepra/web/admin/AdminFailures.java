package org.scepra.web.admin;

import jakarta.json.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.scepra.ra.DatabaseFaults;

/**
 * Whatever fails inside an admin call reaches the operator as a short JSON answer, never as the server's error page:
 * Payara's shows the exception, its SQL and stack trace. A database that is away is 503 (try again); anything else is
 * logged here with its cause and answered 500 without details. JAX-RS's own answers (404, 405, 415) pass unchanged.
 */
@Provider
public class AdminFailures implements ExceptionMapper<Exception> {
  private static final Logger LOG = Logger.getLogger(AdminFailures.class.getName());

  @Override
  public Response toResponse(Exception e) {
    if (e instanceof WebApplicationException web) {
      return web.getResponse();
    }
    if (DatabaseFaults.isDatabaseFault(e)) {
      LOG.warning("admin call failed: database unavailable (" + e.getClass().getSimpleName() + ")");
      return answer(503, "UNAVAILABLE", "the database is unavailable; try again later");
    }
    LOG.log(Level.SEVERE, "admin call failed", e);
    return answer(500, "FAILED", "internal error; the server log has the details");
  }

  private static Response answer(int status, String result, String detail) {
    return Response.status(status).type(MediaType.APPLICATION_JSON)
        .entity(Json.createObjectBuilder().add("result", result).add("detail", detail).build().toString()).build();
  }
}
