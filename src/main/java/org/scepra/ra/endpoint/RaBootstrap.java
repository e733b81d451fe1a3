package org.scepra.ra.endpoint;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.scepra.ra.identity.RaIdentities;
import org.scepra.ra.identity.RaIdentity;
import org.scepra.ra.identity.RaIdentityUnavailable;
import org.scepra.ra.identity.RaLifetime;
import org.scepra.ra.identity.RaIdentityUnavailable.Retry;

/**
 * Brings endpoints into service without holding up the deployment: an endpoint whose keystore exists serves at
 * once; the others obtain their RA identity in the background (from the backend, which may be down) and try again
 * with back-off until they have one, while the other endpoints serve. The deployment waits a little for the first
 * attempts, so that a backend that answers at once (the internal CA) serves from the start. A keystore that cannot be
 * read at deployment is a configuration error and stops the deployment, as before.
 */
final class RaBootstrap {
  private static final Logger LOG = Logger.getLogger(RaBootstrap.class.getName());

  private final RaIdentities identities;
  private final ScheduledExecutorService scheduler;
  private final Backoff backoff;
  private final Duration firstAttemptsWait;
  private final Clock clock;
  /** Consecutive failures per endpoint alias; no entry once the endpoint serves. */
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  /**
   * @param firstAttemptsWait how long {@link #start} waits at most for the first attempts at the endpoints without
   *     a keystore
   */
  RaBootstrap(RaIdentities identities, ScheduledExecutorService scheduler, Backoff backoff,
      Duration firstAttemptsWait, Clock clock) {
    this.identities = identities;
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.firstAttemptsWait = firstAttemptsWait;
    this.clock = clock;
  }

  /**
   * @throws IllegalStateException naming the endpoint if its existing keystore cannot be read (a PKCS#11 token that
   *     cannot be used leaves the endpoint unavailable instead, retried)
   */
  void start(Collection<Endpoint> endpoints) {
    List<ScheduledFuture<?>> firstAttempts = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      Optional<String> unreachable = identities.storeProblem(endpoint.alias());
      if (unreachable.isPresent()) {
        // a token that refuses the PIN or is missing is not a broken keystore: the endpoint waits, saying why
        failed(endpoint, new RaIdentityUnavailable(unreachable.get(), Retry.SOON));
        continue;
      }
      Optional<RaIdentity> existing;
      try {
        existing = identities.existing(endpoint.alias());
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("endpoint '" + endpoint.alias() + "': cannot load its RA keys: "
            + e.getMessage(), e);
      }
      if (existing.isEmpty()) {
        endpoint.unavailable("obtaining its RA certificates from the " + endpoint.settings().backend()
            + " backend", Optional.of(clock.instant()));
        schedule(endpoint, Duration.ZERO).ifPresent(firstAttempts::add);
        continue;
      }
      if (RaLifetime.of(existing.get(), clock.instant(), Duration.ZERO) instanceof RaLifetime.Expired expired) {
        // renewed by the first attempt where scepra can, else the endpoint waits for a new keystore
        endpoint.unavailable(RaLifetime.expiredReason(expired), Optional.of(clock.instant()));
        schedule(endpoint, Duration.ZERO).ifPresent(firstAttempts::add);
        continue;
      }
      Optional<String> problem = identities.check(endpoint.alias(), existing.get(), endpoint.backend(),
          endpoint.settings().selfSignedRaCertificates());
      if (problem.isPresent()) {
        failed(endpoint, new RaIdentityUnavailable(problem.get(), Retry.SOON));
      } else {
        serve(endpoint, existing.get());
      }
    }
    awaitAtMost(firstAttempts, firstAttemptsWait);
  }

  private static void awaitAtMost(List<ScheduledFuture<?>> attempts, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      for (ScheduledFuture<?> attempt : attempts) {
        attempt.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException | ExecutionException | CancellationException e) {
      // the attempt goes on in the background; the endpoint says why it does not serve yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** No new attempts; one already running ends by itself (bounded by the backend's timeouts). */
  void stop() {
    stopped = true;
    scheduled.values().forEach(future -> future.cancel(false));
  }

  /** An endpoint whose RA certificate expired stops serving; attempts (a renewal, a new keystore) go on. */
  void takeOut(Endpoint endpoint, String reason) {
    if (endpoint.servingIdentity().isPresent()) {
      failed(endpoint, new RaIdentityUnavailable(reason, Retry.SOON));
    }
  }

  void attempt(Endpoint endpoint) {
    if (stopped) {
      return;
    }
    try {
      serve(endpoint, identities.obtain(endpoint.alias(), endpoint.backend(),
          endpoint.settings().selfSignedRaCertificates()));
    } catch (RaIdentityUnavailable e) {
      failed(endpoint, e);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "endpoint '" + endpoint.alias() + "': obtaining its RA identity failed", e);
      failed(endpoint, new RaIdentityUnavailable("obtaining its RA identity failed: " + e, Retry.SOON));
    }
  }

  private void serve(Endpoint endpoint, RaIdentity identity) {
    endpoint.activate(identity);
    failures.remove(endpoint.alias());
    LOG.info(() -> "scepra endpoint ready: " + endpoint.settings() + ", " + identity);
  }

  private void failed(Endpoint endpoint, RaIdentityUnavailable e) {
    int count = failures.merge(endpoint.alias(), 1, Integer::sum);
    Optional<Duration> delay = backoff.delay(count, e.retry());
    String previous = endpoint.state() instanceof EndpointState.Unavailable unavailable ? unavailable.reason() : "";
    endpoint.unavailable(e.getMessage(), delay.map(clock.instant()::plus));
    // a CA that stays down would repeat the same line every minute: once at WARNING, repeats at FINE
    Level level = previous.equals(e.getMessage()) ? Level.FINE : Level.WARNING;
    LOG.log(level, () -> "endpoint '" + endpoint.alias() + "' is not serving: " + e.getMessage()
        + delay.map(d -> "; next attempt in " + d.toSeconds() + " s").orElse("; not retried until a restart"));
    delay.ifPresent(d -> schedule(endpoint, d));
  }

  private Optional<ScheduledFuture<?>> schedule(Endpoint endpoint, Duration delay) {
    if (stopped) {
      return Optional.empty();
    }
    try {
      ScheduledFuture<?> future = scheduler.schedule(() -> attempt(endpoint), delay.toMillis(), TimeUnit.MILLISECONDS);
      scheduled.put(endpoint.alias(), future);
      return Optional.of(future);
    } catch (RejectedExecutionException e) {
      LOG.warning("endpoint '" + endpoint.alias() + "': cannot schedule its next RA attempt: " + e);
      return Optional.empty();
    }
  }
}
