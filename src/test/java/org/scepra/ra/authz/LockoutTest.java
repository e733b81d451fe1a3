package org.scepra.ra.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link Lockout} hands the shared counters (the counting itself is SQL, proven on both servers by
 * AuthorizationIT and across two nodes by WildFlyClusterIT).
 */
class LockoutTest {
  static final AuthorizationSettings.Lockout THREE_IN_TEN_MINUTES =
      new AuthorizationSettings.Lockout(3, Duration.ofMinutes(10), Duration.ofMinutes(15));

  /** Records what it is asked; locks the keys listed in {@code lockOn}. */
  static final class Recording implements LockoutRepository {
    final List<String> failures = new ArrayList<>();
    final List<Collection<String>> lookups = new ArrayList<>();
    String lockOn = "";

    @Override
    public boolean anyLocked(Collection<String> keys, Instant now) {
      lookups.add(List.copyOf(keys));
      return keys.contains(lockOn);
    }

    @Override
    public boolean recordFailure(String key, Instant now, Duration window, int maxFailures, Duration coolOff) {
      assertEquals(Duration.ofMinutes(10), window);
      assertEquals(3, maxFailures);
      assertEquals(Duration.ofMinutes(15), coolOff);
      failures.add(key);
      return key.equals(lockOn);
    }
  }

  @Test
  void storesOnlyHashesOfTheKeysAndSkipsMissingOnes() {
    Recording repository = new Recording();
    Lockout lockout = new Lockout(repository);
    Instant now = Instant.parse("2026-01-01T10:00:00Z");
    assertFalse(lockout.recordFailure(THREE_IN_TEN_MINUTES, now, "ep|addr|192.0.2.7", null, "ep|subject|CN=x"));
    assertEquals(2, repository.failures.size());
    for (String key : repository.failures) {
      assertTrue(key.matches("[0-9a-f]{64}"), key);
    }
    assertFalse(repository.failures.get(0).equals(repository.failures.get(1)));
  }

  @Test
  void aLockOnEitherKeyLocksAndIsReportedOnce() {
    Recording repository = new Recording();
    Lockout lockout = new Lockout(repository);
    Instant now = Instant.parse("2026-01-01T10:00:00Z");
    assertFalse(lockout.isLocked(now, "ep|addr|192.0.2.7", "ep|subject|CN=x"));
    lockout.recordFailure(THREE_IN_TEN_MINUTES, now, "ep|subject|CN=x");
    repository.lockOn = repository.failures.get(0);
    assertTrue(lockout.recordFailure(THREE_IN_TEN_MINUTES, now, "ep|addr|192.0.2.7", "ep|subject|CN=x"));
    assertTrue(lockout.isLocked(now, "ep|addr|198.51.100.1", "ep|subject|CN=x"));
    assertFalse(lockout.isLocked(now, "ep|addr|198.51.100.1", "ep|subject|CN=y"));
  }

  @Test
  void noKeysMeansNoLookup() {
    Recording repository = new Recording();
    assertFalse(new Lockout(repository).isLocked(Instant.now(), (String) null));
    assertTrue(repository.lookups.isEmpty());
  }
}
