package org.scepra.ra.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.scepra.testkit.MapConfig;

class OneTimeChallengesTest {

  /** Same semantics as the JPA repository, in memory. */
  static final class InMemoryRepository implements ChallengeRepository {
    final Map<String, OneTimeChallenge> rows = new ConcurrentHashMap<>();

    @Override
    public void create(OneTimeChallenge challenge) {
      rows.put(challenge.hash(), challenge);
    }

    @Override
    public Optional<OneTimeChallenge> find(String hash) {
      return Optional.ofNullable(rows.get(hash));
    }

    @Override
    public synchronized boolean consume(String hash, String alias, Instant now, String transactionId) {
      OneTimeChallenge c = rows.get(hash);
      if (c == null || !c.alias().equals(alias) || c.usedAt().isPresent() || !c.expiresAt().isAfter(now)) {
        return false;
      }
      rows.put(hash, new OneTimeChallenge(c.hash(), c.alias(), c.issuedBy(), c.issuedAt(), c.expiresAt(),
          Optional.of(now), c.expectedSubject(), c.expectedSan()));
      return true;
    }

    @Override
    public long countOutstanding(String issuedBy, Instant now) {
      return rows.values().stream()
          .filter(c -> c.issuedBy().equals(issuedBy) && c.usedAt().isEmpty() && c.expiresAt().isAfter(now)).count();
    }
  }

  final InMemoryRepository repository = new InMemoryRepository();
  final OneTimeChallenges challenges = new OneTimeChallenges(repository,
      new MapConfig(Map.of(OneTimeChallenges.MAX_OUTSTANDING, "3")));

  OneTimeChallenges.Minted mint(String operator) {
    return challenges.mint("otc", operator, Duration.ofMinutes(60), Optional.empty(), Optional.empty()).orElseThrow();
  }

  @Test
  void storesOnlyAHashOfA128BitSecret() {
    OneTimeChallenges.Minted minted = mint("alice");
    assertEquals(32, minted.challenge().length());
    assertTrue(minted.challenge().matches("[0-9a-f]{32}"));
    assertFalse(repository.rows.containsKey(minted.challenge()));
    assertTrue(repository.rows.values().stream().noneMatch(c -> c.hash().contains(minted.challenge())));
    assertTrue(challenges.lookup(minted.challenge()).isPresent());
    assertNotEquals(minted.challenge(), mint("alice").challenge());
  }

  @Test
  void capsOutstandingChallengesPerOperator() {
    for (int i = 0; i < 3; i++) {
      mint("alice");
    }
    assertTrue(challenges.mint("otc", "alice", Duration.ofMinutes(60), Optional.empty(), Optional.empty()).isEmpty());
    assertTrue(challenges.mint("otc", "bob", Duration.ofMinutes(60), Optional.empty(), Optional.empty()).isPresent(),
        "the cap is per operator");
    OneTimeChallenge used = challenges.lookup(mint("bob").challenge()).orElseThrow();
    assertTrue(challenges.consume(used, "tx-1"));
    assertFalse(challenges.consume(used, "tx-2"), "single use");
  }

  @Test
  void toStringNeverShowsTheSecret() {
    OneTimeChallenges.Minted minted = mint("carol");
    assertFalse(minted.toString().contains(minted.challenge()));
  }
}
