package org.scepra.web.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.scepra.ra.admin.AdminResult;

/** Turns an operator action's result into an HTTP answer with a small JSON body. */
final class AdminResponses {

  private AdminResponses() {}

  static Response of(AdminResult result) {
    int status = switch (result.kind()) {
      case DONE -> 200;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case UNSUPPORTED -> 501;
      case FAILED -> 502;
    };
    JsonObject body = Json.createObjectBuilder()
        .add("result", result.kind().name())
        .add("detail", result.detail())
        .build();
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body.toString()).build();
  }

  static Response badRequest(String message) {
    return Response.status(400).type(MediaType.APPLICATION_JSON)
        .entity(Json.createObjectBuilder().add("result", "BAD_REQUEST").add("detail", message).build().toString())
        .build();
  }
}
