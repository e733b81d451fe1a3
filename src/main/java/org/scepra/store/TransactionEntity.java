package org.scepra.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * A SCEP transaction row. The unique constraint on (alias, transaction_id) is what makes a
 * transactionID single-use across threads and nodes; status is indexed for the operators' list.
 */
@Entity
@Table(name = "scepra_transaction",
    uniqueConstraints = @UniqueConstraint(name = "uk_transaction", columnNames = {"alias", "transaction_id"}),
    indexes = {@Index(name = "ix_transaction_status", columnList = "status, received_at"),
        @Index(name = "ix_transaction_received", columnList = "received_at")})
public class TransactionEntity {

  @Id
  @SequenceGenerator(name = "scepra_transaction_seq", sequenceName = "scepra_transaction_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "scepra_transaction_seq")
  Long id;

  @Column(name = "alias", nullable = false, length = 32)
  String alias;

  /** Room for a superseded transaction's suffix ({@code ~<serial>}) after a 128-character ID. */
  @Column(name = "transaction_id", nullable = false, length = 200)
  String transactionId;

  /** DER, base64: portable across H2 and PostgreSQL without LOB handling. */
  @Column(name = "csr", nullable = false, length = 16000)
  String csrBase64;

  @Column(name = "csr_sha256", nullable = false, length = 64)
  String csrFingerprint;

  @Column(name = "requester_key_sha256", length = 64)
  String requesterKeyFingerprint;

  @Column(name = "subject", length = 1024)
  String subject;

  @Column(name = "profile", length = 64)
  String profile;

  @Column(name = "status", nullable = false, length = 24)
  String status;

  @Column(name = "backend_reference", length = 256)
  String backendReference;

  @Column(name = "fail_info", length = 24)
  String failInfo;

  @Column(name = "fail_text", length = 512)
  String failText;

  @Column(name = "issuer_dn", length = 1024)
  String issuerDn;

  @Column(name = "serial_hex", length = 64)
  String serialHex;

  @Column(name = "received_at", nullable = false)
  long receivedAt;

  @Column(name = "updated_at", nullable = false)
  long updatedAt;

  @Column(name = "decided_by", length = 128)
  String decidedBy;

  /** The requester's address as the server saw it, for the operators' list. */
  @Column(name = "client_address", length = 64)
  String clientAddress;
}
