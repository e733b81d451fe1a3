package org.scepra.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Inserts a row in a database transaction of its own and flushes at once, so a unique-constraint
 * violation surfaces here (and rolls back only this insert) rather than at some later commit.
 */
@ApplicationScoped
@UsesSchema
public class RowInserter {

  private EntityManager em;

  /** For the CDI proxy only. */
  protected RowInserter() {}

  @Inject
  public RowInserter(EntityManager em) {
    this.em = em;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void insert(Object entity) {
    em.persist(entity);
    em.flush();
  }
}
