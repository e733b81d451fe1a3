package org.scepra.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.scepra.ra.transaction.ClaimRepository;
import org.scepra.ra.transaction.TransactionStatus;

/** JPA implementation: {@code updated_at} is the claim's heartbeat (every create, transition and settle sets it). */
@ApplicationScoped
@UsesSchema
@Transactional
public class JpaClaimRepository implements ClaimRepository {

  private EntityManager em;

  /** For the CDI proxy only. */
  protected JpaClaimRepository() {}

  @Inject
  public JpaClaimRepository(EntityManager em) {
    this.em = em;
  }

  @Override
  public boolean reclaim(String alias, String transactionId, Instant untouchedSince) {
    int updated = em.createQuery("UPDATE TransactionEntity t SET t.updatedAt = :now "
            + "WHERE t.alias = :alias AND t.transactionId = :tx AND t.status = :status AND t.updatedAt < :since")
        .setParameter("now", System.currentTimeMillis()).setParameter("alias", alias).setParameter("tx", transactionId)
        .setParameter("status", TransactionStatus.IN_PROGRESS.name())
        .setParameter("since", untouchedSince.toEpochMilli())
        .executeUpdate();
    em.clear();
    return updated == 1;
  }
}
