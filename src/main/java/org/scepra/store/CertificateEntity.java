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

/** An issued certificate row, found by (issuer, serial) for GetCert and by serial for operators. */
@Entity
@Table(name = "scepra_certificate",
    uniqueConstraints = @UniqueConstraint(name = "uk_certificate", columnNames = {"issuer_sha256", "serial_hex"}),
    indexes = {@Index(name = "ix_certificate_serial", columnList = "serial_hex"),
        @Index(name = "ix_certificate_subject", columnList = "subject"),
        @Index(name = "ix_certificate_alias", columnList = "alias, not_before")})
public class CertificateEntity {

  @Id
  @SequenceGenerator(name = "scepra_certificate_seq", sequenceName = "scepra_certificate_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "scepra_certificate_seq")
  Long id;

  @Column(name = "alias", length = 32)
  String alias;

  @Column(name = "transaction_id", length = 128)
  String transactionId;

  @Column(name = "issuer_dn", nullable = false, length = 1024)
  String issuerDn;

  @Column(name = "issuer_sha256", nullable = false, length = 64)
  String issuerFingerprint;

  @Column(name = "serial_hex", nullable = false, length = 64)
  String serialHex;

  @Column(name = "subject", length = 1024)
  String subject;

  @Column(name = "not_before", nullable = false)
  long notBefore;

  @Column(name = "not_after", nullable = false)
  long notAfter;

  @Column(name = "revoked", nullable = false)
  boolean revoked;

  @Column(name = "revoked_at")
  Long revokedAt;

  @Column(name = "revocation_reason")
  Integer revocationReason;

  @Column(name = "der", nullable = false, length = 16000)
  String derBase64;
}
