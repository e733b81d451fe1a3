package org.scepra.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A lease row: which node holds a periodic job, and until when. */
@Entity
@Table(name = "scepra_lease")
public class LeaseEntity {

  @Id
  @Column(name = "name", nullable = false, length = 128)
  String name;

  @Column(name = "holder", nullable = false, length = 128)
  String holder;

  @Column(name = "expires_at", nullable = false)
  long expiresAt;
}
