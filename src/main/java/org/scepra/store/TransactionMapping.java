package org.scepra.store;

import java.time.Instant;
import java.util.Base64;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionStatus;

/** Entity ↔ record for transactions, so that JPA types stay in this package. */
final class TransactionMapping {

  private TransactionMapping() {}

  static TransactionEntity toEntity(TransactionRecord r) {
    TransactionEntity e = new TransactionEntity();
    e.alias = r.alias();
    e.transactionId = r.transactionId();
    e.csrBase64 = Base64.getEncoder().encodeToString(r.csr());
    e.csrFingerprint = r.csrFingerprint();
    e.requesterKeyFingerprint = r.requesterKeyFingerprint();
    e.subject = r.subject();
    e.profile = r.profile();
    e.status = r.status().name();
    e.backendReference = r.backendReference();
    e.failInfo = r.failInfo();
    e.failText = r.failText();
    e.issuerDn = r.issuerDn();
    e.serialHex = r.serialHex();
    e.receivedAt = r.receivedAt().toEpochMilli();
    e.updatedAt = e.receivedAt;
    e.decidedBy = r.decidedBy();
    e.clientAddress = r.clientAddress();
    return e;
  }

  static TransactionRecord toRecord(TransactionEntity e) {
    return new TransactionRecord(e.alias, e.transactionId, Base64.getDecoder().decode(e.csrBase64), e.csrFingerprint,
        e.requesterKeyFingerprint, e.subject, e.profile, TransactionStatus.valueOf(e.status), e.backendReference,
        e.failInfo, e.failText, e.issuerDn, e.serialHex, Instant.ofEpochMilli(e.receivedAt), e.decidedBy,
        e.clientAddress);
  }
}
