package org.scepra.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.ra.transaction.TransactionStatus;

/** JPA implementation; each method is its own database transaction (never held across a CA call). */
@ApplicationScoped
@UsesSchema
@Transactional
public class JpaTransactionRepository implements TransactionRepository {

  private EntityManager em;
  private RowInserter inserter;
  @Resource
  private TransactionSynchronizationRegistry transactionRegistry;

  /** For the CDI proxy only. */
  protected JpaTransactionRepository() {}

  @Inject
  public JpaTransactionRepository(EntityManager em, RowInserter inserter) {
    this.em = em;
    this.inserter = inserter;
  }

  /**
   * A read needs no transaction of its own (SUPPORTS joins the caller's, if any): outside one, the look-up every
   * request starts with costs no transaction manager work, only the query.
   */
  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<TransactionRecord> find(String alias, String transactionId) {
    return entity(alias, transactionId).map(TransactionMapping::toRecord);
  }

  /**
   * The unique constraint decides between racing creators: the loser's insert fails in its own
   * database transaction, which rolls back, and the row the winner wrote is found instead.
   */
  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public boolean create(TransactionRecord record) {
    try {
      inserter.insert(TransactionMapping.toEntity(record));
      return true;
    } catch (RuntimeException e) {
      if (find(record.alias(), record.transactionId()).isPresent()) {
        return false;
      }
      throw e;
    }
  }

  /** Flushed, so the inserts reach the database, and then rolled back whatever happened. */
  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void rehearseWrites(TransactionRecord record, IssuedCertificate certificate) {
    try {
      em.persist(TransactionMapping.toEntity(record));
      em.persist(CertificateMapping.toEntity(certificate));
      em.flush();
    } finally {
      transactionRegistry.setRollbackOnly();
      em.clear();
    }
  }

  @Override
  public boolean transition(String alias, String transactionId, TransactionStatus expected, TransactionStatus next,
      String decidedBy, String failInfo, String failText) {
    int updated = em.createQuery("UPDATE TransactionEntity t SET t.status = :next, t.decidedBy = :decidedBy, "
            + "t.failInfo = :failInfo, t.failText = :failText, t.updatedAt = :now "
            + "WHERE t.alias = :alias AND t.transactionId = :transactionId AND t.status = :expected")
        .setParameter("next", next.name()).setParameter("decidedBy", decidedBy).setParameter("failInfo", failInfo)
        .setParameter("failText", failText).setParameter("now", System.currentTimeMillis())
        .setParameter("alias", alias).setParameter("transactionId", transactionId)
        .setParameter("expected", expected.name())
        .executeUpdate();
    return updated == 1;
  }

  @Override
  public void supersede(String alias, String transactionId, String serialHex) {
    em.createQuery("UPDATE TransactionEntity t SET t.transactionId = :archived, t.updatedAt = :now "
            + "WHERE t.alias = :alias AND t.transactionId = :tx AND t.status = :issued")
        .setParameter("archived", transactionId + "~" + serialHex).setParameter("now", System.currentTimeMillis())
        .setParameter("alias", alias).setParameter("tx", transactionId)
        .setParameter("issued", TransactionStatus.ISSUED.name()).executeUpdate();
  }

  @Override
  public void release(String alias, String transactionId) {
    em.createQuery("DELETE FROM TransactionEntity t WHERE t.alias = :alias AND t.transactionId = :tx AND t.status = :status")
        .setParameter("alias", alias).setParameter("tx", transactionId)
        .setParameter("status", TransactionStatus.IN_PROGRESS.name()).executeUpdate();
  }

  @Override
  public void markPending(String alias, String transactionId, String backendReference) {
    settle(alias, transactionId, TransactionStatus.PENDING_CA, "backendReference", backendReference, null, null);
  }

  @Override
  public void markRejected(String alias, String transactionId, String failInfo, String failText) {
    settle(alias, transactionId, TransactionStatus.REJECTED, "failInfo", failInfo, "failText", failText);
  }

  /**
   * The status update is conditional on the transaction not being settled yet, so when two nodes
   * pick up the same result only the first records it; the certificate row is written by the
   * winner alone, in the same database transaction.
   */
  @Override
  public boolean markIssued(String alias, String transactionId, IssuedCertificate certificate) {
    if (!settle(alias, transactionId, TransactionStatus.ISSUED, "serialHex", certificate.serialHex(),
        "issuerDn", certificate.issuerDn())) {
      return false;
    }
    em.persist(CertificateMapping.toEntity(certificate));
    return true;
  }

  /** As {@link #markIssued}, but the transaction ends REJECTED: the certificate is recorded, never replayed. */
  @Override
  public boolean markWithheld(String alias, String transactionId, IssuedCertificate certificate, String failInfo,
      String failText) {
    if (!settle(alias, transactionId, TransactionStatus.REJECTED, "failInfo", failInfo, "failText", failText)) {
      return false;
    }
    em.persist(CertificateMapping.toEntity(certificate));
    return true;
  }

  /**
   * One conditional UPDATE that settles the transaction and sets its result fields (one or two, named by the
   * entity's field names, which are constants here, never input).
   */
  private boolean settle(String alias, String transactionId, TransactionStatus next, String field, String value,
      String secondField, String secondValue) {
    String assignments = "t." + field + " = :value" + (secondField == null ? "" : ", t." + secondField + " = :second");
    var update = em.createQuery("UPDATE TransactionEntity t SET t.status = :next, " + assignments
            + ", t.updatedAt = :now WHERE t.alias = :alias AND t.transactionId = :tx AND t.status IN :open")
        .setParameter("next", next.name()).setParameter("value", value)
        .setParameter("now", System.currentTimeMillis()).setParameter("alias", alias).setParameter("tx", transactionId)
        .setParameter("open", List.of(TransactionStatus.IN_PROGRESS.name(), TransactionStatus.PENDING_CA.name()));
    if (secondField != null) {
      update.setParameter("second", secondValue);
    }
    int updated = update.executeUpdate();
    em.clear(); // the bulk update bypassed the persistence context
    return updated == 1;
  }

  @Override
  public long countByStatus(TransactionStatus status) {
    return em.createQuery("SELECT COUNT(t) FROM TransactionEntity t WHERE t.status = :status", Long.class)
        .setParameter("status", status.name()).getSingleResult();
  }

  @Override
  public List<TransactionRecord> findByStatus(TransactionStatus status, int limit) {
    return em.createQuery("SELECT t FROM TransactionEntity t WHERE t.status = :status ORDER BY t.receivedAt",
            TransactionEntity.class)
        .setParameter("status", status.name()).setMaxResults(limit).getResultList().stream()
        .map(TransactionMapping::toRecord).toList();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<TransactionRecord> latest(int limit) {
    return em.createQuery("SELECT t FROM TransactionEntity t ORDER BY t.receivedAt DESC", TransactionEntity.class)
        .setMaxResults(limit).getResultList().stream().map(TransactionMapping::toRecord).toList();
  }

  private Optional<TransactionEntity> entity(String alias, String transactionId) {
    return em.createQuery("SELECT t FROM TransactionEntity t WHERE t.alias = :alias AND t.transactionId = :tx",
            TransactionEntity.class)
        .setParameter("alias", alias).setParameter("tx", transactionId).getResultStream().findFirst();
  }
}
