package org.scepra.protocol;

/**
 * The input cannot be understood well enough to answer with a CertRep (no SignedData, no
 * transactionID or senderNonce to echo). The web layer turns it into HTTP 400 with this message,
 * which therefore must stay short and must not carry request data.
 */
public final class MalformedMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedMessageException(String message) {
    super(message, null, false, false);
  }
}
