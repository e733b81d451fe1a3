package org.scepra.ra.intune;

/**
 * A call to Entra ID, Graph or Intune that got no usable answer. The message is for logs and the device
 * administrator: it names what failed (host, status, the service's error code), never a token or secret.
 */
final class IntuneCallException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, which decides whether the call is tried again. */
  enum Kind {
    /** No connection (refused, unknown host, TLS handshake, connect timeout): nothing was sent. */
    CONNECTION,
    /** Sent, but no answer within the timeout. */
    TIMEOUT,
    /** An HTTP status other than 2xx. */
    HTTP,
    /**
     * The service throttles this endpoint (HTTP 429, or 503 with Retry-After) for longer than a call may wait, or
     * again and again: the call was not acted on.
     */
    THROTTLED,
    /** A 2xx whose body is not the JSON expected. */
    NOT_JSON,
    /** scepra's side cannot make the call (its truststore is unusable). */
    SETUP
  }

  private final Kind kind;
  private final int status;
  private final String clientRequestId;

  IntuneCallException(Kind kind, int status, String message, String clientRequestId) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.clientRequestId = clientRequestId;
  }

  static IntuneCallException http(int status, String message, String clientRequestId) {
    return new IntuneCallException(Kind.HTTP, status, message, clientRequestId);
  }

  Kind kind() {
    return kind;
  }

  /** The HTTP status for {@link Kind#HTTP}, 0 otherwise. */
  int status() {
    return status;
  }

  /** The client-request-id of the call that failed (what Microsoft support asks for); null if none was sent. */
  String clientRequestId() {
    return clientRequestId;
  }

  /** What failed, in a few words fit for a device's failInfoText: no host, path or setting. */
  String brief() {
    return switch (kind) {
      case CONNECTION -> "no connection";
      case TIMEOUT -> "timeout";
      case HTTP -> "HTTP " + status;
      case THROTTLED -> "throttled";
      case NOT_JSON -> "unexpected answer";
      case SETUP -> "not set up";
    };
  }

  /** A connection error, 404 or 5xx: the service may have moved to another scale unit. */
  boolean suggestsRediscovery() {
    return kind == Kind.CONNECTION || (kind == Kind.HTTP && (status == 404 || status >= 500));
  }
}
