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
    String decidedBy) {

  public TransactionRecord {
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(csr, "csr");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** A newly authorized transaction. */
  public static TransactionRecord received(String alias, String transactionId, byte[] csr, String requesterKeyFingerprint,
      String subject, String profile, TransactionStatus status, Instant now) {
    return new TransactionRecord(alias, transactionId, csr.clone(), Fingerprints.sha256(csr), requesterKeyFingerprint,
        subject, profile, status, null, null, null, null, null, now, null);
  }

  /** This transaction as refused, for answering; not necessarily recorded so. */
  public TransactionRecord rejected(String newFailInfo, String newFailText) {
    return new TransactionRecord(alias, transactionId, csr, csrFingerprint, requesterKeyFingerprint, subject, profile,
        TransactionStatus.REJECTED, backendReference, newFailInfo, newFailText, issuerDn, serialHex, receivedAt,
        decidedBy);
  }

  /** This transaction as recorded once its certificate is. */
  public TransactionRecord issued(String newIssuerDn, String newSerialHex) {
    return new TransactionRecord(alias, transactionId, csr, csrFingerprint, requesterKeyFingerprint, subject, profile,
        TransactionStatus.ISSUED, backendReference, failInfo, failText, newIssuerDn, newSerialHex, receivedAt, decidedBy);
  }

  public TransactionRecord withStatus(TransactionStatus newStatus) {
    return new TransactionRecord(alias, transactionId, csr, csrFingerprint, requesterKeyFingerprint, subject, profile,
        newStatus, backendReference, failInfo, failText, issuerDn, serialHex, receivedAt, decidedBy);
  }
}
