package org.scepra.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.scepra.ra.transaction.LeaseRepository;

/**
 * JPA implementation: a conditional UPDATE takes an expired or own lease; a lease never taken is created by an
 * insert, which the primary key lets only one node win.
 */
@ApplicationScoped
@UsesSchema
@Transactional
public class JpaLeaseRepository implements LeaseRepository {

  private EntityManager em;
  private RowInserter inserter;

  /** For the CDI proxy only. */
  protected JpaLeaseRepository() {}

  @Inject
  public JpaLeaseRepository(EntityManager em, RowInserter inserter) {
    this.em = em;
    this.inserter = inserter;
  }

  @Override
  public boolean acquire(String name, String holder, Instant now, Instant until) {
    int updated = em.createQuery("UPDATE LeaseEntity l SET l.holder = :holder, l.expiresAt = :until "
            + "WHERE l.name = :name AND (l.holder = :holder OR l.expiresAt < :now)")
        .setParameter("holder", holder).setParameter("until", until.toEpochMilli()).setParameter("name", name)
        .setParameter("now", now.toEpochMilli()).executeUpdate();
    em.clear();
    if (updated == 1) {
      return true;
    }
    if (em.find(LeaseEntity.class, name) != null) {
      return false; // held by another node
    }
    LeaseEntity lease = new LeaseEntity();
    lease.name = name;
    lease.holder = holder;
    lease.expiresAt = until.toEpochMilli();
    try {
      inserter.insert(lease);
      return true;
    } catch (RuntimeException e) {
      return false; // another node created it first
    }
  }
}
