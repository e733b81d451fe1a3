package org.scepra.ra.transaction;

import java.time.Instant;

/**
 * Named leases in the database all nodes share, so that a periodic job runs on one node at a time, and on
 * another once its node stops renewing it.
 */
public interface LeaseRepository {

  /**
   * Takes the lease {@code name} for {@code holder} until {@code until} if it is free, expired at {@code now}, or
   * already this holder's (then it is renewed). Of racing callers at most one wins.
   *
   * @return whether {@code holder} now holds the lease
   */
  boolean acquire(String name, String holder, Instant now, Instant until);
}
