package org.scepra.testkit.intune;

import java.time.Duration;

/** How the double answers one ScepActions call: a code, an HTTP error, or either after a delay. */
public sealed interface Answer {

  /** 200 {@code {"code":...,"errorDescription":...,"@odata.context":...}}, as the service answers. */
  record Code(String code, String description) implements Answer {}

  /** Any other answer, e.g. 500 with Intune's error JSON, or a 200 that is not JSON. */
  record Http(int status, String contentType, String body) implements Answer {}

  /** {@code then}, after {@code delay} (to outlast scepra's timeout). */
  record Slow(Duration delay, Answer then) implements Answer {}

  static Answer success() {
    return new Code("Success", "");
  }

  static Answer code(String code, String description) {
    return new Code(code, description);
  }

  /** What Intune answered in the field when it failed (Intune-Resource-Access#48). */
  static Answer internalError() {
    return new Http(500, "application/json",
        "{\"error\":{\"code\":\"InternalError\",\"message\":\"An internal server error occurred. - Operation ID: x\"}}");
  }

  /** A 401 that a new token does not cure (e.g. the app lacks the scep_challenge_provider role). */
  static Answer unauthorized() {
    return new Http(401, "application/json",
        "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"The caller is not authorized to perform this action.\"}}");
  }

  /** A proxy's error page where JSON was expected. */
  static Answer html() {
    return new Http(200, "text/html", "<html><body><h1>Service unavailable</h1></body></html>");
  }

  static Answer slow(Duration delay) {
    return new Slow(delay, success());
  }
}
