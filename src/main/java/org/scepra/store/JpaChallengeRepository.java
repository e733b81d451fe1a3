package org.scepra.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.scepra.ra.challenge.ChallengeRepository;
import org.scepra.ra.challenge.OneTimeChallenge;

/** JPA implementation; single use is one conditional UPDATE, so the database arbitrates races. */
@ApplicationScoped
@UsesSchema
@Transactional
public class JpaChallengeRepository implements ChallengeRepository {

  private EntityManager em;
  private RowInserter inserter;

  /** For the CDI proxy only. */
  protected JpaChallengeRepository() {}

  @Inject
  public JpaChallengeRepository(EntityManager em, RowInserter inserter) {
    this.em = em;
    this.inserter = inserter;
  }

  @Override
  public void create(OneTimeChallenge challenge) {
    ChallengeEntity e = new ChallengeEntity();
    e.hash = challenge.hash();
    e.alias = challenge.alias();
    e.issuedBy = challenge.issuedBy();
    e.issuedAt = challenge.issuedAt().toEpochMilli();
    e.expiresAt = challenge.expiresAt().toEpochMilli();
    e.expectedSubject = challenge.expectedSubject().orElse(null);
    e.expectedSan = challenge.expectedSan().orElse(null);
    inserter.insert(e);
  }

  @Override
  public Optional<OneTimeChallenge> find(String hash) {
    return em.createQuery("SELECT c FROM ChallengeEntity c WHERE c.hash = :hash", ChallengeEntity.class)
        .setParameter("hash", hash).getResultStream().findFirst()
        .map(e -> new OneTimeChallenge(e.hash, e.alias, e.issuedBy, Instant.ofEpochMilli(e.issuedAt),
            Instant.ofEpochMilli(e.expiresAt), Optional.ofNullable(e.usedAt).map(Instant::ofEpochMilli),
            Optional.ofNullable(e.expectedSubject), Optional.ofNullable(e.expectedSan)));
  }

  @Override
  public boolean consume(String hash, String alias, Instant now, String transactionId) {
    return em.createQuery("UPDATE ChallengeEntity c SET c.usedAt = :now, c.usedByTransaction = :tx "
            + "WHERE c.hash = :hash AND c.alias = :alias AND c.usedAt IS NULL AND c.expiresAt > :now")
        .setParameter("now", now.toEpochMilli()).setParameter("tx", transactionId).setParameter("hash", hash)
        .setParameter("alias", alias).executeUpdate() == 1;
  }

  @Override
  public long countOutstanding(String issuedBy, Instant now) {
    return em.createQuery("SELECT COUNT(c) FROM ChallengeEntity c "
            + "WHERE c.issuedBy = :issuedBy AND c.usedAt IS NULL AND c.expiresAt > :now", Long.class)
        .setParameter("issuedBy", issuedBy).setParameter("now", now.toEpochMilli()).getSingleResult();
  }
}
