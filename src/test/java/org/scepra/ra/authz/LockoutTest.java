package org.scepra.ra.authz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutTest {
  static final AuthorizationSettings.Lockout THREE_IN_TEN_MINUTES =
      new AuthorizationSettings.Lockout(3, Duration.ofMinutes(10), Duration.ofMinutes(15));

  @Test
  void locksAfterTheLimitWithinTheWindowAndReleasesAfterTheCoolOff() {
    Lockout lockout = new Lockout();
    Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    assertFalse(lockout.recordFailure(THREE_IN_TEN_MINUTES, t0, "addr|1.2.3.4"));
    assertFalse(lockout.recordFailure(THREE_IN_TEN_MINUTES, t0.plusSeconds(60), "addr|1.2.3.4"));
    assertFalse(lockout.isLocked(t0.plusSeconds(61), "addr|1.2.3.4"));
    assertTrue(lockout.recordFailure(THREE_IN_TEN_MINUTES, t0.plusSeconds(120), "addr|1.2.3.4"));
    assertTrue(lockout.isLocked(t0.plusSeconds(121), "addr|1.2.3.4", "subject|x"));
    assertFalse(lockout.isLocked(t0.plusSeconds(121), "addr|5.6.7.8"));
    assertFalse(lockout.isLocked(t0.plusSeconds(120 + 15 * 60 + 1), "addr|1.2.3.4"));
  }

  @Test
  void failuresOutsideTheWindowDoNotCount() {
    Lockout lockout = new Lockout();
    Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    lockout.recordFailure(THREE_IN_TEN_MINUTES, t0, "k");
    lockout.recordFailure(THREE_IN_TEN_MINUTES, t0.plusSeconds(60), "k");
    assertFalse(lockout.recordFailure(THREE_IN_TEN_MINUTES, t0.plusSeconds(11 * 60), "k"));
    assertFalse(lockout.isLocked(t0.plusSeconds(11 * 60), "k"));
  }
}
