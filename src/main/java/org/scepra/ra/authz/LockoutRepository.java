package org.scepra.ra.authz;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Failed-challenge counters, shared by every node that uses the same database, so that a cluster behind a load
 * balancer allows {@code maxFailures} tries in all, not per node. Keys are opaque (hashed by {@link Lockout}).
 */
public interface LockoutRepository {

  /** Whether any of the keys is locked out at {@code now}. */
  boolean anyLocked(Collection<String> keys, Instant now);

  /**
   * Counts one failure for {@code key} in a window that starts at its first failure and lasts {@code window}; once
   * the count reaches {@code maxFailures}, locks the key until {@code now + coolOff} and starts counting afresh.
   * Each step is one conditional update, so concurrent failures on any nodes are all counted and exactly one caller
   * sees the lock happen.
   *
   * @return true if this failure locked the key
   */
  boolean recordFailure(String key, Instant now, Duration window, int maxFailures, Duration coolOff);
}
