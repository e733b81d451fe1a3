package org.scepra.ra.transaction;

import java.time.Instant;

/**
 * Claims whose owner died. A transaction is IN_PROGRESS only while one thread, on one node, asks
 * the backend and records the answer; a server killed in between leaves the claim behind, and
 * nothing else would ever settle it.
 */
public interface ClaimRepository {

  /**
   * Takes over the IN_PROGRESS claim of {@code alias}/{@code transactionId} if nothing has touched
   * it since {@code untouchedSince}: one conditional update that also touches it, so of any number
   * of callers (threads or nodes) exactly one wins, and the claim is fresh again for the others.
   *
   * @return whether this caller now holds the claim
   */
  boolean reclaim(String alias, String transactionId, Instant untouchedSince);
}
