package org.scepra.nodes;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.scepra.nodes.NodeScep.Device;
import org.scepra.testkit.CertRepReader.CertRep;

/**
 * Concurrent SCEP clients, one thread per device, each enrolling again and again (a new
 * transactionID each time) until the load ends, as a real client would: a request the server did
 * not answer because it died is sent again, byte for byte, until it is answered; PENDING is polled.
 * A failure while the server was up and no kill happened is an error; so is any FAILURE, and any
 * transaction still unsettled at the deadline.
 */
final class LoadClients {

  /** A transaction that ended in SUCCESS. */
  record Outcome(String transactionId, String cn, Device device, X509Certificate certificate, long startedNanos,
      boolean inDoubt, boolean sawPending) {}

  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  static final Duration RETRY_INTERVAL = Duration.ofMillis(250);

  final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  /** Requests a client had sent to a live server that died before answering. */
  final AtomicInteger inFlightAtKill = new AtomicInteger();

  private final WildFlyNode node;
  private final List<Device> devices;
  private final Duration requestTimeout;
  private final int maxEnrollments;
  private final AtomicInteger started = new AtomicInteger();
  /** Even while the server is up, odd while it is down (from the kill until it is live again). */
  private final AtomicLong epoch = new AtomicLong();
  private final ConcurrentLinkedQueue<Long> millis = new ConcurrentLinkedQueue<>();
  private final List<Thread> threads = new ArrayList<>();

  LoadClients(WildFlyNode node, List<Device> devices, Duration requestTimeout, int maxEnrollments) {
    this.node = node;
    this.devices = devices;
    this.requestTimeout = requestTimeout;
    this.maxEnrollments = maxEnrollments;
  }

  /** Starts one thread per device: new enrollments until {@code loadEnd}, all settled by {@code deadline}. */
  void start(long loadEnd, long deadline) {
    for (int i = 0; i < devices.size(); i++) {
      int client = i;
      Thread thread = new Thread(() -> {
        for (int n = 0; System.nanoTime() < loadEnd && started.incrementAndGet() <= maxEnrollments; n++) {
          if (!enroll(devices.get(client), "load-" + client + "-" + n, deadline)) {
            return; // an error is recorded; this client stops rather than pile up more
          }
        }
      }, "load-client-" + i);
      thread.setDaemon(true); // a failed restart must not keep the test JVM alive
      threads.add(thread);
      thread.start();
    }
  }

  /** Call just before killing the server. */
  void serverDown() {
    epoch.incrementAndGet();
  }

  /** Call once the server is live again. */
  void serverUp() {
    epoch.incrementAndGet();
  }

  List<Outcome> awaitEnd(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread thread : threads) {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      if (thread.isAlive()) {
        errors.add(thread.getName() + " still running after " + timeout);
        thread.interrupt();
      }
    }
    return List.copyOf(outcomes);
  }

  String latency() {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return "n/a";
    }
    return "p50 " + sorted.get(sorted.size() / 2) + " ms, p95 " + sorted.get(sorted.size() * 95 / 100) + " ms, max "
        + sorted.get(sorted.size() - 1) + " ms (transactions begun and ended while the server was up)";
  }

  private boolean enroll(Device device, String cn, long deadline) {
    String tx = "tx-" + cn;
    long start = System.nanoTime();
    long epochAtStart = epoch.get();
    Exchange first = exchange(device, device.pkcsReq(tx, cn), tx, deadline);
    if (first.rep == null) {
      return false;
    }
    CertRep rep = first.rep;
    boolean inDoubt = first.inDoubt;
    boolean sawPending = false;
    while ("3".equals(rep.pkiStatus())) {
      sawPending = true;
      if (System.nanoTime() > deadline) {
        errors.add(tx + ": still PENDING at the deadline" + (inDoubt ? " (in flight at the kill)" : ""));
        return false;
      }
      sleep(POLL_INTERVAL);
      Exchange poll = exchange(device, device.certPoll(tx, cn), tx, deadline);
      if (poll.rep == null) {
        return false;
      }
      inDoubt |= poll.inDoubt;
      rep = poll.rep;
    }
    if (!"0".equals(rep.pkiStatus())) {
      errors.add(tx + ": pkiStatus " + rep.pkiStatus() + " failInfo " + rep.failInfo() + " " + rep.failInfoText()
          + (inDoubt ? " (in flight at the kill)" : ""));
      return false;
    }
    if (!tx.equals(rep.transactionId())) {
      errors.add(tx + ": answered with transactionID " + rep.transactionId());
      return false;
    }
    X509Certificate certificate;
    try {
      certificate = device.issued(rep);
    } catch (AssertionError e) {
      errors.add(tx + ": " + e.getMessage());
      return false;
    }
    if (epochAtStart % 2 == 0 && epoch.get() == epochAtStart) {
      millis.add((System.nanoTime() - start) / 1_000_000); // begun and ended while the server was up
    }
    outcomes.add(new Outcome(tx, cn, device, certificate, start, inDoubt, sawPending));
    return true;
  }

  private record Exchange(CertRep rep, boolean inDoubt) {}

  /**
   * Sends {@code message} until it is answered with HTTP 200, retransmitting the same bytes when the
   * server died or was down; null (and an error recorded) if it failed while the server was up.
   */
  private Exchange exchange(Device device, byte[] message, String tx, long deadline) {
    boolean inDoubt = false;
    while (true) {
      long sentIn = epoch.get();
      String failure;
      try {
        return new Exchange(device.send(message, requestTimeout), inDoubt);
      } catch (IOException | NodeScep.UnexpectedStatus e) {
        failure = e.toString();
      } catch (RuntimeException | AssertionError e) {
        errors.add(tx + ": unreadable answer: " + e);
        return new Exchange(null, inDoubt);
      }
      boolean sentWhileUp = sentIn % 2 == 0;
      if (sentWhileUp && epoch.get() == sentIn) {
        errors.add(tx + ": not answered while the server was up: " + failure);
        return new Exchange(null, inDoubt);
      }
      if (sentWhileUp && !inDoubt) {
        inDoubt = true;
        inFlightAtKill.incrementAndGet();
      }
      if (System.nanoTime() > deadline) {
        errors.add(tx + ": no answer by the deadline; last: " + failure + " (server " + (node.isRunning() ? "running" : "stopped") + ")");
        return new Exchange(null, inDoubt);
      }
      sleep(RETRY_INTERVAL);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
