package org.scepra.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import org.scepra.ra.authz.LockoutRepository;

/**
 * JPA implementation. A failure is one conditional UPDATE (count within the window, or restart the window), and
 * the lock another (taken once the count is reached, resetting it), so the database arbitrates between nodes; a
 * key's first failure inserts its row, and a node that loses that race counts on the row the winner wrote.
 */
@ApplicationScoped
@UsesSchema
@Transactional
public class JpaLockoutRepository implements LockoutRepository {
  /** Rows neither locked nor touched for this long are deleted: far longer than any sensible counting window. */
  static final Duration RETENTION = Duration.ofDays(7);
  private static final long SWEEP_EVERY_MILLIS = Duration.ofMinutes(10).toMillis();

  private final AtomicLong lastSweep = new AtomicLong();
  private EntityManager em;
  private RowInserter inserter;

  /** For the CDI proxy only. */
  protected JpaLockoutRepository() {}

  @Inject
  public JpaLockoutRepository(EntityManager em, RowInserter inserter) {
    this.em = em;
    this.inserter = inserter;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean anyLocked(Collection<String> keys, Instant now) {
    return em.createQuery("SELECT COUNT(l) FROM LockoutEntity l WHERE l.keyHash IN :keys AND l.lockedUntil > :now",
            Long.class)
        .setParameter("keys", keys).setParameter("now", now.toEpochMilli()).getSingleResult() > 0;
  }

  /** Counting and locking share one database transaction, so the row stays locked from one to the other. */
  @Override
  public boolean recordFailure(String key, Instant now, Duration window, int maxFailures, Duration coolOff) {
    sweepNowAndThen(now);
    if (!count(key, now, window)) {
      try {
        LockoutEntity row = new LockoutEntity();
        row.keyHash = key;
        row.windowStart = now.toEpochMilli();
        row.failures = 1;
        row.updatedAt = now.toEpochMilli();
        inserter.insert(row);
      } catch (RuntimeException e) {
        // another node inserted this key's row first (the insert ran and failed in a transaction of its own)
        if (!count(key, now, window)) {
          throw e;
        }
      }
    }
    return lockIfReached(key, now, maxFailures, coolOff);
  }

  /** One more failure in the current window, or the first of a new one; false if the key has no row yet. */
  private boolean count(String key, Instant now, Duration window) {
    long windowOpen = now.minus(window).toEpochMilli();
    return em.createQuery("UPDATE LockoutEntity l SET "
            + "l.failures = CASE WHEN l.windowStart > :windowOpen THEN l.failures + 1 ELSE 1 END, "
            + "l.windowStart = CASE WHEN l.windowStart > :windowOpen THEN l.windowStart ELSE :now END, "
            + "l.updatedAt = :now WHERE l.keyHash = :key")
        .setParameter("windowOpen", windowOpen).setParameter("now", now.toEpochMilli()).setParameter("key", key)
        .executeUpdate() == 1;
  }

  /** Locks the key if its count reached the limit, resetting the count: only one caller can see 1 here. */
  private boolean lockIfReached(String key, Instant now, int maxFailures, Duration coolOff) {
    return em.createQuery("UPDATE LockoutEntity l SET l.lockedUntil = :until, l.failures = 0, "
            + "l.windowStart = :now, l.updatedAt = :now WHERE l.keyHash = :key AND l.failures >= :max")
        .setParameter("until", now.plus(coolOff).toEpochMilli()).setParameter("now", now.toEpochMilli())
        .setParameter("key", key).setParameter("max", maxFailures).executeUpdate() == 1;
  }

  /** Deletes stale rows at most every ten minutes per node, so a flood of distinct keys does not stay forever. */
  private void sweepNowAndThen(Instant now) {
    long last = lastSweep.get();
    if (now.toEpochMilli() - last < SWEEP_EVERY_MILLIS || !lastSweep.compareAndSet(last, now.toEpochMilli())) {
      return;
    }
    long cutoff = now.minus(RETENTION).toEpochMilli();
    em.createQuery("DELETE FROM LockoutEntity l WHERE l.updatedAt < :cutoff "
            + "AND (l.lockedUntil IS NULL OR l.lockedUntil < :now)")
        .setParameter("cutoff", cutoff).setParameter("now", now.toEpochMilli()).executeUpdate();
  }
}
