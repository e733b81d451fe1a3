package org.scepra.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** The failed-challenge counter of one lock-out key (its SHA-256, never the address or subject itself). */
@Entity
@Table(name = "scepra_lockout", indexes = @Index(name = "ix_lockout_updated", columnList = "updated_at"))
public class LockoutEntity {

  @Id
  @Column(name = "key_sha256", nullable = false, length = 64)
  String keyHash;

  @Column(name = "window_start", nullable = false)
  long windowStart;

  @Column(name = "failures", nullable = false)
  int failures;

  @Column(name = "locked_until")
  Long lockedUntil;

  @Column(name = "updated_at", nullable = false)
  long updatedAt;
}
