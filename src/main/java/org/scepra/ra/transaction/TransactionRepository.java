package org.scepra.ra.transaction;

import java.util.List;
import java.util.Optional;

/**
 * Persistent SCEP transactions. Every lookup is by an index: (alias, transactionId) is unique, and
 * status is indexed for the operators' list. Implementations enforce uniqueness in the database, so
 * that two nodes racing on one transactionID cannot both create it.
 */
public interface TransactionRepository {

  Optional<TransactionRecord> find(String alias, String transactionId);

  /** Creates the transaction; false if one with the same alias and transactionID already exists. */
  boolean create(TransactionRecord record);

  /**
   * Moves a transaction from {@code expected} to {@code next} in one conditional update, so only one
   * caller (thread or node) wins; records who decided and, for a rejection, why.
   *
   * @return whether this caller made the transition
   */
  boolean transition(String alias, String transactionId, TransactionStatus expected, TransactionStatus next,
      String decidedBy, String failInfo, String failText);

  /**
   * Moves an ISSUED transaction out of the way (its transactionID gets the suffix
   * {@code ~<serial>}) so the same transactionID can start a renewal; the record is kept.
   */
  void supersede(String alias, String transactionId, String serialHex);

  /** Forgets an IN_PROGRESS claim whose issuance could not even be attempted (CA unavailable). */
  void release(String alias, String transactionId);

  /** Records the backend's pending reference (status PENDING_CA), unless already settled. */
  void markPending(String alias, String transactionId, String backendReference);

  /** Records a refusal (status REJECTED), unless already settled. */
  void markRejected(String alias, String transactionId, String failInfo, String failText);

  /**
   * Records the issued certificate and the transaction's outcome in one database transaction,
   * unless the transaction is already settled (another node recorded it first): then false.
   */
  boolean markIssued(String alias, String transactionId, IssuedCertificate certificate);

  /**
   * Records a certificate that was issued but withheld from the device (Intune did not confirm it), in one
   * database transaction with the transaction's refusal (status REJECTED), unless the transaction is already
   * settled: then false. The certificate is kept for operators and revocation, never replayed.
   */
  boolean markWithheld(String alias, String transactionId, IssuedCertificate certificate, String failInfo,
      String failText);

  /** How many transactions are in a status (status is indexed). */
  long countByStatus(TransactionStatus status);

  /** Transactions in a status, oldest first, at most {@code limit}. */
  List<TransactionRecord> findByStatus(TransactionStatus status, int limit);

  /** The most recently received transactions, newest first, at most {@code limit} (received_at is indexed). */
  List<TransactionRecord> latest(int limit);

  /**
   * The start-up warm-up's rehearsal of an enrollment's writes: both rows are written in a database transaction
   * that is then rolled back, so that nothing is recorded but the first device does not pay for the store's first
   * inserts (statement plans, prepared statements). A store with nothing to warm may do nothing.
   */
  default void rehearseWrites(TransactionRecord record, IssuedCertificate certificate) {}
}
