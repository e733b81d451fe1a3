package org.scepra.ra.transaction;

import java.time.Instant;
import java.util.Objects;

/**
 * A SCEP transaction as the RA remembers it, identified by endpoint alias + transactionID.
 *
 * @param alias the endpoint
 * @param transactionId the client's transactionID
 * @param csr the DER CSR, kept so that approval and polling can hand it to the backend again
 * @param csrFingerprint SHA-256 of the CSR, hex: a retransmission must carry the same one
 * @param requesterKeyFingerprint SHA-256 of the signer's public key, hex: polls must come from it
 * @param subject the requested subject DN
 * @param profile the certificate profile chosen
 * @param status where the transaction stands
 * @param backendReference the backend's handle while {@link TransactionStatus#PENDING_CA}
 * @param failInfo the failInfo name once REJECTED
 * @param failText the failInfoText once REJECTED
 * @param issuerDn issuer of the certificate once ISSUED
 * @param serialHex serial of the certificate once ISSUED
 * @param receivedAt when the request first arrived
 * @param decidedBy the operator who approved or rejected, if any
 * @param clientAddress the requester's address as the server saw it (shown to operators), if known
 */
public record TransactionRecord(
    String alias,
    String transactionId,
    byte[] csr,
    String csrFingerprint,
    String requesterKeyFingerprint,
    String subject,
    String profile,
    TransactionStatus status,
    String backendReference,
    String failInfo,
    String failText,
    String issuerDn,
    String serialHex,
    Instant receivedAt,
    String decidedBy,
    String clientAddress) {

  public TransactionRecord {
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(csr, "csr");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** Without the client's address (records made before it was kept). */
  public TransactionRecord(String alias, String transactionId, byte[] csr, String csrFingerprint,
      String requesterKeyFingerprint, String subject, String profile, TransactionStatus status,
      String backendReference, String failInfo, String failText, String issuerDn, String serialHex, Instant receivedAt,
      String decidedBy) {
    this(alias, transactionId, csr, csrFingerprint, requesterKeyFingerprint, subject, profile, status,
        backendReference, failInfo, failText, issuerDn, serialHex, receivedAt, decidedBy, null);
  }

  /** A newly authorized transaction. */
  public static TransactionRecord received(String alias, String transactionId, byte[] csr, String requesterKeyFingerprint,
      String subject, String profile, TransactionStatus status, Instant now) {
    return received(alias, transactionId, csr, requesterKeyFingerprint, subject, profile, status, now, null);
  }

  /** A newly authorized transaction from {@code clientAddress}. */
  public static TransactionRecord received(String alias, String transactionId, byte[] csr, String requesterKeyFingerprint,
      String subject, String profile, TransactionStatus status, Instant now, String clientAddress) {
    return new TransactionRecord(alias, transactionId, csr.clone(), Fingerprints.sha256(csr), requesterKeyFingerprint,
        subject, profile, status, null, null, null, null, null, now, null, clientAddress);
  }

  /** This transaction as refused, for answering; not necessarily recorded so. */
  public TransactionRecord rejected(String newFailInfo, String newFailText) {
    return new TransactionRecord(alias, transactionId, csr, csrFingerprint, requesterKeyFingerprint, subject, profile,
        TransactionStatus.REJECTED, backendReference, newFailInfo, newFailText, issuerDn, serialHex, receivedAt,
        decidedBy, clientAddress);
  }

  /** This transaction as recorded once its certificate is. */
  public TransactionRecord issued(String newIssuerDn, String newSerialHex) {
    return new TransactionRecord(alias, transactionId, csr, csrFingerprint, requesterKeyFingerprint, subject, profile,
        TransactionStatus.ISSUED, backendReference, failInfo, failText, newIssuerDn, newSerialHex, receivedAt, decidedBy,
        clientAddress);
  }

  public TransactionRecord withStatus(TransactionStatus newStatus) {
    return new TransactionRecord(alias, transactionId, csr, csrFingerprint, requesterKeyFingerprint, subject, profile,
        newStatus, backendReference, failInfo, failText, issuerDn, serialHex, receivedAt, decidedBy, clientAddress);
  }
}
