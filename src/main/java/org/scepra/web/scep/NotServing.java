package org.scepra.web.scep;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.scepra.ra.audit.AuditEvent;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.EndpointState;

/**
 * The answer of an endpoint that is not serving (its RA certificates are not available yet): HTTP 503 with a
 * Retry-After for every operation, as nothing can be signed or decrypted; the reason goes to readiness and the log,
 * not to the client. A refused PKIOperation gets its audit line.
 */
final class NotServing {
  static final String TEXT = "this SCEP endpoint is not available yet, try again later";
  private static final long MIN_RETRY_SECONDS = 5;

  private final AuditLog audit;

  NotServing(AuditLog audit) {
    this.audit = audit;
  }

  void answer(Endpoint endpoint, EndpointState.Unavailable state, String operation, ScepResponses out)
      throws IOException {
    if ("PKIOperation".equals(operation)) {
      audit.record(new AuditEvent("pkiOperation", null, endpoint.alias(), null, null, null, null, "FAILURE", null,
          "endpoint not serving (HTTP 503): " + state.reason(), null));
    }
    out.unavailable(TEXT, retryAfterSeconds(state, Instant.now()));
  }

  /** Until the next attempt at the RA identity, at least a few seconds; the default when none is planned. */
  static long retryAfterSeconds(EndpointState.Unavailable state, Instant now) {
    return state.nextAttempt()
        .map(next -> Math.max(MIN_RETRY_SECONDS, Duration.between(now, next).toSeconds() + 1))
        .orElse(ScepResponses.DEFAULT_RETRY_AFTER_SECONDS);
  }
}
