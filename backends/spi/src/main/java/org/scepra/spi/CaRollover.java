package org.scepra.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Optional: an operator may roll the endpoint's CA over to a new key and certificate, announced by
 * {@link NextCaSource} until it takes over at {@link Request#activateAt()}.
 */
public interface CaRollover {

  Result rollover(String endpointAlias, Request request);

  /**
   * What the operator asked for.
   *
   * @param activateAt when issuance switches; empty: the backend's default
   * @param keySize RSA size of the new key; empty: the backend's configured size
   */
  record Request(Optional<Instant> activateAt, OptionalInt keySize) {
    public Request {
      Objects.requireNonNull(activateAt, "activateAt");
      Objects.requireNonNull(keySize, "keySize");
    }
  }

  /** A rollover's outcome. */
  sealed interface Result {}

  /** The next CA exists and takes over at its activation time. */
  record Scheduled(NextCa next) implements Result {
    public Scheduled {
      Objects.requireNonNull(next, "next");
    }
  }

  /**
   * Not done.
   *
   * @param reason the category, mapped onto an HTTP status
   * @param message a short text for the operator (never a secret)
   */
  record Refused(Reason reason, String message) implements Result {
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Why a rollover was refused. */
  enum Reason {
    /** The request is unacceptable (an activation time in the past, a key too small). */
    INVALID,
    /** A rollover is already scheduled and has not taken over yet. */
    CONFLICT,
    /** The CA could not be loaded or written. */
    FAILED
  }
}
