package org.scepra.ra.endpoint;

import java.time.Duration;
import java.util.Optional;
import org.scepra.ra.identity.RaIdentityUnavailable.Retry;

/**
 * How long to wait before the next attempt at an endpoint's RA identity: doubling from {@code first} up to
 * {@code max} while the cause may go away by itself, {@code later} when an operator has to act.
 */
record Backoff(Duration first, Duration max, Duration later) {

  /** A CA that comes back is noticed within a minute; a misconfigured one is asked every five. */
  static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMinutes(5));

  /**
   * @param failures consecutive failed attempts, at least 1
   * @return empty if there is no point in trying again
   */
  Optional<Duration> delay(int failures, Retry retry) {
    return switch (retry) {
      case NEVER -> Optional.empty();
      case LATER -> Optional.of(later);
      case SOON -> {
        Duration delay = first;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
          delay = delay.multipliedBy(2);
        }
        yield Optional.of(delay.compareTo(max) > 0 ? max : delay);
      }
    };
  }
}
