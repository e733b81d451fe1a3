package org.scepra.ra.authz;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brute-force limit on challenge passwords: after too many wrong ones from one client address or
 * for one subject within a window, further attempts are refused for a cool-off period. Kept in
 * memory, so each node counts on its own (a cluster multiplies the limit by its size).
 */
@ApplicationScoped
public class Lockout {
  private static final int MAX_TRACKED = 100_000;

  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final Map<String, Instant> lockedUntil = new ConcurrentHashMap<>();

  /** Whether any of the keys is in its cool-off period now. */
  public boolean isLocked(Instant now, String... keys) {
    for (String key : keys) {
      Instant until = key == null ? null : lockedUntil.get(key);
      if (until != null) {
        if (until.isAfter(now)) {
          return true;
        }
        lockedUntil.remove(key, until);
      }
    }
    return false;
  }

  /** Records a failure for each key; true if that locked one of them out. */
  public boolean recordFailure(AuthorizationSettings.Lockout settings, Instant now, String... keys) {
    if (failures.size() > MAX_TRACKED) {
      failures.clear(); // bounded memory under a flood of distinct keys
    }
    boolean locked = false;
    for (String key : keys) {
      if (key == null) {
        continue;
      }
      Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (recent) {
        Instant windowStart = now.minus(settings.window());
        while (!recent.isEmpty() && recent.peekFirst().isBefore(windowStart)) {
          recent.pollFirst();
        }
        recent.addLast(now);
        if (recent.size() >= settings.maxFailures()) {
          lockedUntil.put(key, now.plus(settings.coolOff()));
          recent.clear();
          locked = true;
        }
      }
    }
    return locked;
  }

}
