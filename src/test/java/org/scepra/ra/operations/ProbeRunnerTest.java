package org.scepra.ra.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.scepra.ra.operations.ProbeRunner.Observation;
import org.scepra.ra.operations.ReadinessProbe.Outcome;

/** Readiness answers within its bound whatever the probes do, and does not pile probes onto a hung backend. */
class ProbeRunnerTest {
  static final Duration TTL = Duration.ofSeconds(5);
  static final Duration WAIT = Duration.ofMillis(500);

  final ExecutorService pool = Executors.newFixedThreadPool(4);
  final MutableClock clock = new MutableClock();
  final ProbeRunner runner = new ProbeRunner(pool, clock, TTL);
  final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    pool.shutdownNow();
  }

  @Test
  void aHungProbeHoldsItsOwnResultNotTheAnswer() {
    AtomicInteger hungRuns = new AtomicInteger();
    ReadinessProbe hung = ReadinessProbe.of("backend:lab:ejbca", () -> {
      hungRuns.incrementAndGet();
      await(release);
      return Outcome.down("unreachable: SocketTimeoutException");
    });
    ReadinessProbe database = ReadinessProbe.of("database", () -> Outcome.up("reachable"));

    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      List<Observation> observed = runner.observe(List.of(database, hung), WAIT);
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(millis < 2 * WAIT.toMillis(), "answered in " + millis + " ms");
      assertEquals(Optional.of(Outcome.up("reachable")), observed.get(0).outcome());
      assertEquals(Optional.empty(), observed.get(1).outcome(), "no result yet");
      assertTrue(observed.get(1).running());
      clock.advance(TTL.plusSeconds(1));
    }
    assertEquals(1, hungRuns.get(), "one run at a time, however often readiness is asked");

    release.countDown();
    awaitResult("backend:lab:ejbca", hung);
    Observation done = runner.observe(List.of(hung), WAIT).get(0);
    assertEquals(Optional.of(Outcome.down("unreachable: SocketTimeoutException")), done.outcome());
  }

  @Test
  void aFreshResultIsServedWithoutProbingAgainAndAnOldOneIsRefreshed() {
    AtomicInteger runs = new AtomicInteger();
    ReadinessProbe counted = ReadinessProbe.of("database", () -> Outcome.up("run " + runs.incrementAndGet()));

    Observation first = runner.observe(List.of(counted), WAIT).get(0);
    clock.advance(TTL.minusSeconds(1));
    Observation cached = runner.observe(List.of(counted), WAIT).get(0);
    clock.advance(Duration.ofSeconds(1));
    Observation refreshed = runner.observe(List.of(counted), WAIT).get(0);

    assertEquals(Optional.of(Outcome.up("run 1")), first.outcome());
    assertEquals(first, cached, "within the TTL: the same result, not a new run");
    assertEquals(Optional.of(Outcome.up("run 2")), refreshed.outcome());
    assertEquals(Optional.of(clock.instant()), refreshed.checkedAt());
    assertFalse(refreshed.running());
  }

  @Test
  void anInstantProbeShowsAChangeAtOnce() {
    java.util.concurrent.atomic.AtomicBoolean serving = new java.util.concurrent.atomic.AtomicBoolean();
    ReadinessProbe endpoint = ReadinessProbe.instant("endpoint:lab",
        () -> serving.get() ? Outcome.up("serving") : Outcome.down("not serving"));

    Observation before = runner.observe(List.of(endpoint), WAIT).get(0);
    serving.set(true);
    Observation after = runner.observe(List.of(endpoint), WAIT).get(0);

    assertEquals(Optional.of(Outcome.down("not serving")), before.outcome());
    assertEquals(Optional.of(Outcome.up("serving")), after.outcome(), "within the TTL, yet not cached");
  }

  @Test
  void aProbeThatThrowsIsDown() {
    ReadinessProbe broken = ReadinessProbe.of("broken", () -> {
      throw new IllegalStateException("secret-looking detail");
    });

    Observation observed = runner.observe(List.of(broken), WAIT).get(0);

    assertEquals(Optional.of(Outcome.down("probe failed: IllegalStateException")), observed.outcome());
  }

  @Test
  void aStaleResultStaysVisibleWhileItsRefreshRuns() {
    AtomicInteger runs = new AtomicInteger();
    ReadinessProbe slowSecondTime = ReadinessProbe.of("backend:lab:ejbca", () -> {
      if (runs.incrementAndGet() > 1) {
        await(release);
      }
      return Outcome.up("EJBCA answers");
    });
    runner.observe(List.of(slowSecondTime), WAIT);
    Instant firstCheck = clock.instant();
    clock.advance(TTL);

    Observation stale = runner.observe(List.of(slowSecondTime), WAIT).get(0);

    assertEquals(Optional.of(Outcome.up("EJBCA answers")), stale.outcome());
    assertEquals(Optional.of(firstCheck), stale.checkedAt(), "the age shows it is the old result");
    assertTrue(stale.running());
  }

  private void awaitResult(String name, ReadinessProbe probe) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (runner.observe(List.of(probe), Duration.ZERO).get(0).running() && System.nanoTime() < deadline) {
      sleep(10);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
