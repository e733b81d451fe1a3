package org.scepra.ra.intune;

import java.util.Objects;

/** What Intune said to a validation or notification, with the client-request-id of the call. */
public sealed interface IntuneResult {

  /** Label for metrics and audit lines of calls that got no code. */
  String UNANSWERED = "unanswered";

  /** The client-request-id of the (last) call made: what Microsoft support asks for. Null if none was sent. */
  String clientRequestId();

  /** Intune's code, or {@link #UNANSWERED}. */
  String code();

  /** Intune answered {@code Success}. */
  record Success(String clientRequestId) implements IntuneResult {
    @Override
    public String code() {
      return "Success";
    }
  }

  /** Intune answered another code, e.g. {@code ChallengeExpired} (codes outside Microsoft's list included). */
  record Refused(String code, String description, String clientRequestId) implements IntuneResult {
    public Refused {
      Objects.requireNonNull(code, "code");
      description = description == null ? "" : description;
    }
  }

  /**
   * No code: HTTP error, an answer that is not JSON, a timeout, no connection, no token.
   *
   * @param reason for logs: what failed where (hosts, statuses, the services' error codes)
   * @param brief for the device: e.g. "HTTP 500", "timeout"; no host, path or setting
   */
  record Unanswered(String reason, String brief, String clientRequestId) implements IntuneResult {
    public Unanswered {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(brief, "brief");
    }

    @Override
    public String code() {
      return UNANSWERED;
    }
  }
}
