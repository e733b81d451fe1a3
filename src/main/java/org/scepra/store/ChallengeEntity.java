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

/** A one-time challenge row: its hash (unique), never the secret. */
@Entity
@Table(name = "scepra_challenge",
    uniqueConstraints = @UniqueConstraint(name = "uk_challenge_hash", columnNames = "challenge_sha256"),
    indexes = @Index(name = "ix_challenge_issuer", columnList = "issued_by, used_at, expires_at"))
public class ChallengeEntity {

  @Id
  @SequenceGenerator(name = "scepra_challenge_seq", sequenceName = "scepra_challenge_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "scepra_challenge_seq")
  Long id;

  @Column(name = "challenge_sha256", nullable = false, length = 64)
  String hash;

  @Column(name = "alias", nullable = false, length = 32)
  String alias;

  @Column(name = "issued_by", nullable = false, length = 128)
  String issuedBy;

  @Column(name = "issued_at", nullable = false)
  long issuedAt;

  @Column(name = "expires_at", nullable = false)
  long expiresAt;

  @Column(name = "used_at")
  Long usedAt;

  @Column(name = "used_by_transaction", length = 128)
  String usedByTransaction;

  @Column(name = "expected_subject", length = 1024)
  String expectedSubject;

  @Column(name = "expected_san", length = 512)
  String expectedSan;
}
