package org.scepra.ra.transaction;

/** Where a SCEP transaction stands. */
public enum TransactionStatus {
  /** Authorized and claimed; the backend is being asked now. */
  IN_PROGRESS,
  /** Authorized, waiting for an operator (manual approval). */
  AWAITING_APPROVAL,
  /** The backend answered PENDING; it is asked again when the client polls. */
  PENDING_CA,
  /** A certificate was issued; retransmissions and polls replay it. */
  ISSUED,
  /** Refused (by an operator or the CA); replays answer the recorded FAILURE. */
  REJECTED;

  public boolean isFinal() {
    return this == ISSUED || this == REJECTED;
  }
}
