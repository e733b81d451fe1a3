package org.scepra.ra.challenge;

import java.time.Instant;
import java.util.Optional;

/** Stored one-time challenges; looked up by hash (unique index) or counted per operator (index). */
public interface ChallengeRepository {

  void create(OneTimeChallenge challenge);

  Optional<OneTimeChallenge> find(String hash);

  /**
   * Marks the challenge used, in one conditional update: true only for the single caller (thread
   * or node) that found it unused and unexpired.
   */
  boolean consume(String hash, String alias, Instant now, String transactionId);

  /** Unused, unexpired challenges an operator has outstanding. */
  long countOutstanding(String issuedBy, Instant now);
}
