package org.scepra.testkit.intune;

import java.time.Duration;
import java.util.Optional;

/**
 * Throttling of one of the double's services, as Microsoft's services do it: a throttled call gets 429 with
 * {@code Retry-After}, and any call that comes before that time has passed is throttled again (with the time
 * left) and counted as early: a client that does not wait only prolongs it. Real time, not the double's clock:
 * the client really waits.
 */
final class Throttle {
  private int pending;
  /** Only calls whose path ends with this are throttled (null: any); the window holds for all. */
  private String pathEnding;
  private Duration retryAfter = Duration.ZERO;
  private long quietUntilNanos = System.nanoTime();
  private int early;

  /**
   * The next {@code calls} calls (after any quiet window) whose path ends with {@code pathEnding} (null: any) are
   * throttled, each asking for {@code retryAfter}.
   */
  synchronized void set(int calls, Duration retryAfter, String pathEnding) {
    this.pending = calls;
    this.pathEnding = pathEnding;
    this.retryAfter = retryAfter;
  }

  /** Calls that came inside a quiet window. */
  synchronized int early() {
    return early;
  }

  /** The Retry-After to answer with, in whole seconds, if this call is throttled. */
  synchronized Optional<Long> check(String path) {
    long now = System.nanoTime();
    if (now - quietUntilNanos < 0) {
      early++;
      return Optional.of(Math.max(1, (quietUntilNanos - now + 999_999_999L) / 1_000_000_000L));
    }
    if (pending == 0 || (pathEnding != null && !path.endsWith(pathEnding))) {
      return Optional.empty();
    }
    pending--;
    quietUntilNanos = now + retryAfter.toNanos();
    return Optional.of(retryAfter.toSeconds());
  }
}
