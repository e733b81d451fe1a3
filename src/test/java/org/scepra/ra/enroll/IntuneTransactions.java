package org.scepra.ra.enroll;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.ra.transaction.TransactionStatus;

/** Transactions with the repository's conditional semantics that an Intune endpoint's issuance relies on. */
final class IntuneTransactions implements TransactionRepository {
  final Map<String, TransactionRecord> rows = new ConcurrentHashMap<>();
  final Map<String, IssuedCertificate> certificates = new ConcurrentHashMap<>();

  @Override
  public Optional<TransactionRecord> find(String alias, String transactionId) {
    return Optional.ofNullable(rows.get(transactionId));
  }

  @Override
  public boolean create(TransactionRecord record) {
    return rows.putIfAbsent(record.transactionId(), record) == null;
  }

  @Override
  public boolean transition(String alias, String transactionId, TransactionStatus expected, TransactionStatus next,
      String decidedBy, String failInfo, String failText) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void supersede(String alias, String transactionId, String serialHex) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void release(String alias, String transactionId) {
    rows.computeIfPresent(transactionId, (k, r) -> r.status() == TransactionStatus.IN_PROGRESS ? null : r);
  }

  @Override
  public void markPending(String alias, String transactionId, String backendReference) {
    throw new UnsupportedOperationException("an Intune endpoint never records PENDING");
  }

  @Override
  public void markRejected(String alias, String transactionId, String failInfo, String failText) {
    rows.computeIfPresent(transactionId, (k, r) -> r.status() == TransactionStatus.IN_PROGRESS
        ? r.rejected(failInfo, failText) : r);
  }

  @Override
  public boolean markIssued(String alias, String transactionId, IssuedCertificate certificate) {
    TransactionRecord r = rows.get(transactionId);
    if (r.status() != TransactionStatus.IN_PROGRESS) {
      return false;
    }
    rows.put(transactionId, r.issued(certificate.issuerDn(), certificate.serialHex()));
    certificates.put(certificate.serialHex(), certificate);
    return true;
  }

  @Override
  public boolean markWithheld(String alias, String transactionId, IssuedCertificate certificate, String failInfo,
      String failText) {
    TransactionRecord r = rows.get(transactionId);
    if (r.status() != TransactionStatus.IN_PROGRESS) {
      return false;
    }
    rows.put(transactionId, r.rejected(failInfo, failText));
    certificates.put(certificate.serialHex(), certificate);
    return true;
  }

  @Override
  public long countByStatus(TransactionStatus status) {
    return rows.values().stream().filter(r -> r.status() == status).count();
  }

  @Override
  public List<TransactionRecord> findByStatus(TransactionStatus status, int limit) {
    return rows.values().stream().filter(r -> r.status() == status).limit(limit).toList();
  }

  @Override
  public java.util.List<TransactionRecord> latest(int limit) {
    throw new UnsupportedOperationException("not used by the Intune issuance");
  }
}
