package org.scepra.ra.authz;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.scepra.ra.transaction.Fingerprints;

/**
 * Brute-force limit on challenge passwords: after too many wrong ones from one client address or for one subject
 * within a window, further attempts are refused for a cool-off period. The counters live in the database
 * ({@link LockoutRepository}), so every node behind a load balancer counts the same failures. Keys are stored as
 * SHA-256 hashes: the table holds no client address or subject.
 */
@ApplicationScoped
public class Lockout {

  private LockoutRepository repository;

  /** For the CDI proxy only. */
  protected Lockout() {}

  @Inject
  public Lockout(LockoutRepository repository) {
    this.repository = repository;
  }

  /** Whether any of the keys (nulls are skipped) is in its cool-off period now. */
  public boolean isLocked(Instant now, String... keys) {
    List<String> hashed = hashed(keys);
    return !hashed.isEmpty() && repository.anyLocked(hashed, now);
  }

  /** Records a failure for each key; true if that locked one of them out. */
  public boolean recordFailure(AuthorizationSettings.Lockout settings, Instant now, String... keys) {
    boolean locked = false;
    for (String key : hashed(keys)) {
      locked |= repository.recordFailure(key, now, settings.window(), settings.maxFailures(), settings.coolOff());
    }
    return locked;
  }

  private static List<String> hashed(String... keys) {
    List<String> hashed = new ArrayList<>(keys.length);
    for (String key : keys) {
      if (key != null) {
        hashed.add(Fingerprints.sha256(key.getBytes(StandardCharsets.UTF_8)));
      }
    }
    return hashed;
  }
}
