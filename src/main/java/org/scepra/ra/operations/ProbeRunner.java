package org.scepra.ra.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.scepra.ra.operations.ReadinessProbe.Outcome;

/**
 * Runs probes in the background and keeps each one's last result. A result younger than the TTL is served as it
 * is; an older one makes the probe run again, and the caller waits for fresh results only up to a bound, so an
 * answer never takes longer than that whatever the probes do (a frozen CA holds its probe, not the answer). Each
 * probe runs at most once at a time, so a hung one is not piled up on. Instant probes (state in memory) run on every
 * call, in the caller's thread.
 */
final class ProbeRunner {

  /**
   * What is known of one probe now.
   *
   * @param outcome the last result, empty if the probe never finished
   * @param checkedAt when that result was taken
   * @param running whether the probe is running now (a fresher result is on its way)
   */
  record Observation(String name, Optional<Outcome> outcome, Optional<Instant> checkedAt, boolean running) {}

  private record Result(Outcome outcome, Instant at) {}

  /** One probe's last result and its run in progress, if any. */
  private final class Slot {
    private volatile Result last;
    private CompletableFuture<Void> running; // guarded by this

    synchronized CompletableFuture<Void> refresh(ReadinessProbe probe) {
      if (isRunning()) {
        return running;
      }
      try {
        running = CompletableFuture.runAsync(() -> last = new Result(safely(probe), clock.instant()), executor);
      } catch (RejectedExecutionException e) {
        last = new Result(Outcome.down("not probed: " + e.getMessage()), clock.instant());
        running = null;
        return CompletableFuture.completedFuture(null);
      }
      return running;
    }

    synchronized boolean isRunning() {
      return running != null && !running.isDone();
    }
  }

  private final Executor executor;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  ProbeRunner(Executor executor, Clock clock, Duration ttl) {
    this.executor = executor;
    this.clock = clock;
    this.ttl = ttl;
  }

  /**
   * Refreshes the probes whose result is older than the TTL (or missing) and waits at most {@code wait} for them.
   */
  List<Observation> observe(List<ReadinessProbe> probes, Duration wait) {
    Instant now = clock.instant();
    List<CompletableFuture<Void>> refreshing = new ArrayList<>();
    for (ReadinessProbe probe : probes) {
      if (probe.instant()) {
        continue;
      }
      Slot slot = slots.computeIfAbsent(probe.name(), name -> new Slot());
      Result last = slot.last;
      if (last == null || !now.isBefore(last.at().plus(ttl))) {
        refreshing.add(slot.refresh(probe));
      }
    }
    awaitAtMost(refreshing, wait);
    List<Observation> observations = new ArrayList<>();
    for (ReadinessProbe probe : probes) {
      if (probe.instant()) {
        observations.add(new Observation(probe.name(), Optional.of(safely(probe)), Optional.of(clock.instant()), false));
        continue;
      }
      Slot slot = slots.get(probe.name());
      Result last = slot.last;
      observations.add(new Observation(probe.name(), Optional.ofNullable(last).map(Result::outcome),
          Optional.ofNullable(last).map(Result::at), slot.isRunning()));
    }
    return observations;
  }

  private static void awaitAtMost(List<CompletableFuture<Void>> runs, Duration wait) {
    if (runs.isEmpty() || wait.isZero()) {
      return;
    }
    try {
      CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // answered with what is known; the runs go on
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Outcome safely(ReadinessProbe probe) {
    try {
      Outcome outcome = probe.probe();
      return outcome == null ? Outcome.down("the probe gave no result") : outcome;
    } catch (RuntimeException e) {
      return Outcome.down("probe failed: " + e.getClass().getSimpleName());
    }
  }
}
