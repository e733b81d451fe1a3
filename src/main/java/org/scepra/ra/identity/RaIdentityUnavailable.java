package org.scepra.ra.identity;

/** Why an endpoint has no usable RA identity now, and whether trying again on its own can help. */
public final class RaIdentityUnavailable extends Exception {
  private static final long serialVersionUID = 1L;

  /** When to try again. */
  public enum Retry {
    /** With back-off: something outside scepra may come back (the CA is down, a keystore is being replaced). */
    SOON,
    /** Rarely: an operator has to change something, and trying costs the CA a certificate each time. */
    LATER,
    /** Not until the configuration changes and scepra restarts. */
    NEVER
  }

  private final Retry retry;

  /** @param message for operators: what is wrong and what to change; never a secret */
  public RaIdentityUnavailable(String message, Retry retry) {
    super(message);
    this.retry = retry;
  }

  public Retry retry() {
    return retry;
  }
}
