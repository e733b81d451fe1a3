package org.scepra.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.scepra.nodes.NodeScep.Device;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.TestPki;

/**
 * One WildFly node (internal CA, embedded H2) under enrollment load from many concurrent clients,
 * killed with SIGKILL in the middle of it and started again. Every request must be answered,
 * every certificate a client was given must be in the database (GetCert) and stay the answer to
 * its transaction (CertPoll), serial numbers never repeat, and a request that was in flight when
 * the server died must get a final answer when the client sends the very same message again.
 * Requests told PENDING before the kill (endpoint {@code manual}, approval by an operator) still
 * answer as they did: see {@link PendingAcrossCrash}.
 *
 * <p>Bounded for a shared 2-core machine; every figure is a system property:
 * {@code scepra.load.clients} (64 concurrent clients), {@code scepra.load.seconds} (120 s of load,
 * the restart included), {@code scepra.load.kill-after-seconds} (40), {@code scepra.load.max-enrollments}
 * (20000: stops earlier if reached), and {@code scepra.load.claim-timeout-seconds} (10: the node's
 * {@code scepra.transaction.claim-timeout-seconds}, whose production default is 120, after which a
 * claim left behind by the killed server is taken over).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadAndCrashIT {
  static final int CLIENTS = Integer.getInteger("scepra.load.clients", 64);
  static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("scepra.load.seconds", 120));
  static final Duration KILL_AFTER = Duration.ofSeconds(Integer.getInteger("scepra.load.kill-after-seconds", 40));
  static final int MAX_ENROLLMENTS = Integer.getInteger("scepra.load.max-enrollments", 20000);
  static final int CLAIM_TIMEOUT_SECONDS = Integer.getInteger("scepra.load.claim-timeout-seconds", 10);
  /** After the load ends, how long the last requests (retransmissions, polls) may take to settle. */
  static final Duration SETTLE = Duration.ofSeconds(90);
  /** One request while the server is up: generous, 64 clients share two cores with the server. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  static final String PATH = "/scep";

  static WildFlyNode node;
  static List<KeyPair> keys;

  @BeforeAll
  static void startNode() {
    WildFlyNode.assumeNodesExecution();
    Path nodesDir = Path.of(System.getProperty("nodes.dir")).toAbsolutePath();
    WildFlyNode.deleteTree(nodesDir.resolve("load"));
    node = WildFlyNode.named("load").portOffset(600)
        .env("SCEPRA_ENDPOINT_DEFAULT_CHALLENGE", NodeScep.CHALLENGE)
        .env("SCEPRA_ENDPOINT_MANUAL_CHALLENGE", NodeScep.CHALLENGE)
        .dataDir(nodesDir.resolve("load/scepra-data"))
        .systemProperty("scepra.endpoints", "default," + PendingAcrossCrash.ALIAS)
        .systemProperty("scepra.endpoint." + PendingAcrossCrash.ALIAS + ".approval", "manual")
        .systemProperty("scepra.endpoint.default.lockout.max-failures", "1000000")
        .systemProperty("scepra.transaction.claim-timeout-seconds", Integer.toString(CLAIM_TIMEOUT_SECONDS))
        .build();
    ExecutorService keygen = Executors.newFixedThreadPool(2);
    Future<List<KeyPair>> generated = keygen.submit(
        () -> IntStream.range(0, CLIENTS).parallel().mapToObj(i -> TestPki.rsa(2048)).toList());
    node.start();
    try {
      keys = generated.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      keygen.shutdown();
    }
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.stop();
    }
  }

  @Test
  @Order(1)
  void aValidEnrollmentKeepsItsPaceWhileGarbageIsThrownAtTheEndpoint() throws Exception {
    Device device = Device.create(node, PATH, keys.get(0), "garbage-victim");
    enrollTimed(device, "warm-up", 5);
    List<Long> baseline = enrollTimed(device, "baseline", 10);

    Garbage garbage = new Garbage(node, Device.create(node, PATH, keys.get(1), "garbage-thrower"));
    List<Long> underAttack;
    try {
      garbage.start(8);
      Thread.sleep(2000); // the attack is in full swing before the measurement starts
      underAttack = enrollTimed(device, "under-garbage", 10);
    } finally {
      garbage.stop();
    }

    long base = median(baseline);
    long attacked = median(underAttack);
    long bound = Math.max(10 * base, 3000);
    System.out.printf("LoadAndCrashIT garbage: valid enrollment median %d ms alone, %d ms (max %d ms) under garbage"
            + " (bound %d ms); garbage requests answered %d: %s%n",
        base, attacked, Collections.max(underAttack), bound, garbage.answered.get(), garbage.statuses);
    assertTrue(garbage.answered.get() >= 50, "the garbage really was thrown: " + garbage.answered.get());
    assertEquals(List.of(), garbage.serverErrors, "garbage is refused with 4xx or a CertRep FAILURE, never a 5xx");
    assertEquals(List.of(), garbage.ioErrors, "every garbage request got an answer");
    assertTrue(attacked <= bound, "median enrollment under garbage " + attacked + " ms exceeds " + bound
        + " ms (10x the baseline " + base + " ms, at least 3 s)");
  }

  /** Enrolls {@code n} times one after another, asserting SUCCESS; the time each took, in ms. */
  private static List<Long> enrollTimed(Device device, String label, int n) throws IOException {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String cn = label + "-" + i + "-" + System.nanoTime();
      long start = System.nanoTime();
      CertRep rep = device.send(device.pkcsReq("tx-" + cn, cn), REQUEST_TIMEOUT);
      millis.add((System.nanoTime() - start) / 1_000_000);
      assertEquals("0", rep.pkiStatus(), () -> label + ": " + rep.failInfoText());
    }
    return millis;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  @Test
  @Order(2)
  void underLoadAndAcrossAKillMinus9NothingIsLostDuplicatedOrStuck() throws Exception {
    List<Device> devices = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      devices.add(Device.create(node, PATH, keys.get(i), "load-client-" + i));
    }
    PendingAcrossCrash pending = new PendingAcrossCrash(node);
    LoadClients load = new LoadClients(node, devices, REQUEST_TIMEOUT, MAX_ENROLLMENTS);
    long start = System.nanoTime();
    long loadEnd = start + LOAD.toNanos();
    load.start(loadEnd, loadEnd + SETTLE.toNanos());

    pending.before(keys.subList(0, 8)); // told PENDING (half of them approved) while the load runs
    Thread.sleep(Math.max(0, KILL_AFTER.toMillis() - (System.nanoTime() - start) / 1_000_000));
    int beforeKill = load.outcomes.size();
    load.serverDown();
    node.kill();
    long killedAt = System.nanoTime();
    node.start();
    long restartMillis = (System.nanoTime() - killedAt) / 1_000_000;
    load.serverUp();

    List<LoadClients.Outcome> outcomes = load.awaitEnd(LOAD.plus(SETTLE).plusSeconds(60));
    long loadMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("LoadAndCrashIT load: %d clients, %d transactions in %d ms (%d done before kill -9, restart"
            + " took %d ms); %d requests in flight at the kill, %d answered PENDING at some point; latency %s%n",
        CLIENTS, outcomes.size(), loadMillis, beforeKill, restartMillis, load.inFlightAtKill.get(),
        outcomes.stream().filter(LoadClients.Outcome::sawPending).count(), load.latency());

    assertEquals(0, load.errors.size(), () -> "every request answered (200 while the server was up) and ended in"
        + " SUCCESS: " + load.errors.size() + " did not, e.g. " + firstFew(load.errors));
    assertTrue(beforeKill > 0, "load ran before the kill");
    assertTrue(load.inFlightAtKill.get() > 0, "the kill hit requests in flight");
    assertTrue(outcomes.stream().anyMatch(o -> o.startedNanos() > killedAt), "load ran after the restart");

    Map<BigInteger, String> serials = new HashMap<>();
    for (LoadClients.Outcome o : outcomes) {
      String previous = serials.put(o.certificate().getSerialNumber(), o.transactionId());
      assertTrue(previous == null, () -> "serial " + o.certificate().getSerialNumber().toString(16)
          + " was issued to " + previous + " and " + o.transactionId());
    }

    // Every SUCCESS a client saw is in the database (GetCert) and still its transaction's answer
    // (CertPoll), whether it was given before the kill, after it, or to a retransmission across it.
    long verifyStart = System.nanoTime();
    ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
    ExecutorService checkers = Executors.newFixedThreadPool(8);
    AtomicInteger checked = new AtomicInteger();
    try {
      List<Future<?>> checks = new ArrayList<>();
      for (LoadClients.Outcome o : outcomes) {
        checks.add(checkers.submit(() -> {
          try {
            Device device = o.device();
            CertRep fetched = device.send(device.getCert(o.certificate(), "getcert-" + o.transactionId()),
                REQUEST_TIMEOUT);
            if (!"0".equals(fetched.pkiStatus()) || !fetched.certificates().contains(o.certificate())) {
              mismatches.add("GetCert " + o.transactionId() + ": " + fetched.pkiStatus() + " " + fetched.failInfoText());
            }
            CertRep polled = device.send(device.certPoll(o.transactionId(), o.cn()), REQUEST_TIMEOUT);
            if (!"0".equals(polled.pkiStatus()) || !device.issued(polled).equals(o.certificate())) {
              mismatches.add("CertPoll " + o.transactionId() + ": " + polled.pkiStatus() + " " + polled.failInfoText()
                  + (o.inDoubt() ? " (in flight at the kill)" : ""));
            }
            checked.incrementAndGet();
          } catch (IOException | RuntimeException | AssertionError e) {
            mismatches.add(o.transactionId() + ": " + e);
          }
        }));
      }
      for (Future<?> check : checks) {
        check.get(10, TimeUnit.MINUTES);
      }
    } finally {
      checkers.shutdownNow();
    }
    System.out.printf("LoadAndCrashIT verify: %d transactions checked by GetCert and CertPoll in %d ms, %d distinct"
        + " serials; %d mismatches%n", checked.get(), (System.nanoTime() - verifyStart) / 1_000_000, serials.size(),
        mismatches.size());
    List<String> pendingProblems = pending.afterRestart();
    System.out.printf("LoadAndCrashIT: %d abandoned claims were taken over after the restart (server.log)%n",
        takenOver());
    assertEquals(0, mismatches.size(), () -> "every issued certificate fetchable and replayed unchanged: "
        + mismatches.size() + " were not, e.g. " + firstFew(List.copyOf(mismatches)));
    assertEquals(List.of(), pendingProblems, "what was PENDING (or approved) before the kill answers as it did");
  }

  private static List<String> firstFew(List<String> problems) {
    synchronized (problems) {
      return List.copyOf(problems.subList(0, Math.min(50, problems.size())));
    }
  }

  /** How often the server logged that it took over a claim its predecessor left behind (information only). */
  private static long takenOver() throws IOException {
    try (Stream<String> lines = Files.lines(node.serverLog(), StandardCharsets.ISO_8859_1)) {
      return lines.filter(line -> line.contains("was claimed but never settled")).count();
    }
  }

  /** Hostile requests on a few threads, as fast as the server answers them. */
  static final class Garbage {
    final WildFlyNode node;
    final Device thrower;
    final AtomicInteger answered = new AtomicInteger();
    final Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
    final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
    final List<String> ioErrors = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running;
    private ExecutorService pool;

    Garbage(WildFlyNode node, Device thrower) {
      this.node = node;
      this.thrower = thrower;
    }

    void start(int threads) {
      List<GarbageRequest> requests = GarbageRequest.catalogue(node, thrower);
      running = true;
      pool = Executors.newFixedThreadPool(threads);
      for (int t = 0; t < threads; t++) {
        int offset = t;
        pool.submit(() -> {
          for (int i = offset; running; i++) {
            GarbageRequest request = requests.get(i % requests.size());
            try {
              int status = request.send();
              answered.incrementAndGet();
              statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
              if (status >= 500) {
                serverErrors.add(request.name() + ": HTTP " + status);
              }
            } catch (IOException e) {
              if (running) {
                ioErrors.add(request.name() + ": " + e);
              }
            }
          }
        });
      }
    }

    void stop() throws InterruptedException {
      running = false;
      pool.shutdown();
      assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES), "garbage threads stopped");
    }
  }
}
