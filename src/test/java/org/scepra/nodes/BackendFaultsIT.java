package org.scepra.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scepra.backend.ejbca.StandaloneEjbcaDouble;
import org.scepra.it.OfflineCa;
import org.scepra.nodes.NodeScep.Device;
import org.scepra.nodes.NodeStatus.Readiness;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.TestPki;

/**
 * Backend faults on a running node, each cleared again without a restart: EJBCA down, slow or
 * refusing the RA; the file-drop folder missing or its file system full. While a fault lasts, a new
 * request is answered FAILURE at once (nothing is recorded, so the device's retry goes through
 * later), a request already recorded as PENDING stays PENDING, and /status/ready is 503 naming the
 * backend; when the fault clears, readiness comes back and the same requests succeed.
 *
 * <p>The "full" case mounts a 2 MiB tmpfs under the file-drop queue, which needs root (as in the
 * CI container); elsewhere that one test is skipped and says so.
 */
class BackendFaultsIT {
  static final int EJBCA_PORT = 18680;
  static final long READ_TIMEOUT_MS = 3000;
  /** Generous: two shared cores, RSA on both sides. */
  static final long MARGIN_MS = 6000;
  static final Duration RECOVERY = Duration.ofSeconds(60);
  static final String EJBCA = "/scep/ejbca";
  static final String FILEDROP = "/scep/filedrop";
  static final String EJBCA_CHECK = "backend:ejbca:ejbca";
  static final String FILEDROP_CHECK = "backend:filedrop:file-drop";
  static final String CA_UNAVAILABLE = "the CA is unavailable, try again later";
  static final String QUEUE_UNAVAILABLE = "the certificate queue is unavailable";

  static WildFlyNode node;
  static StandaloneEjbcaDouble ejbca;
  static SmallFileSystem queueFileSystem;
  static Path queue;
  static OfflineCa offlineCa;

  @BeforeAll
  static void start() throws Exception {
    WildFlyNode.assumeNodesExecution();
    Path dir = Path.of(System.getProperty("nodes.dir")).toAbsolutePath().resolve("faults");
    SmallFileSystem.unmount(dir.resolve("queue-fs"));
    WildFlyNode.deleteTree(dir);
    Path secrets = Files.createDirectories(dir.resolve("backends"));
    ejbca = StandaloneEjbcaDouble.start(EJBCA_PORT, secrets.resolve("ra.p12"), "it-ejbca-ra",
        secrets.resolve("trust.p12"), "it-ejbca-trust");
    queueFileSystem = SmallFileSystem.mount(dir.resolve("queue-fs"));
    queue = Files.createDirectories(queueFileSystem.dir().resolve("queue"));
    offlineCa = OfflineCa.createIfMissing(secrets.resolve("offline-ca"), secrets.resolve("offline-ca.pem"));
    node = WildFlyNode.named("faults").portOffset(600)
        .dataDir(dir.resolve("scepra-data"))
        .env("SCEPRA_ENDPOINT_EJBCA_CHALLENGE", NodeScep.CHALLENGE)
        .env("SCEPRA_ENDPOINT_FILEDROP_CHALLENGE", NodeScep.CHALLENGE)
        .env("SCEPRA_ENDPOINT_EJBCA_EJBCA_KEYSTORE_PASSWORD", "it-ejbca-ra")
        .env("SCEPRA_ENDPOINT_EJBCA_EJBCA_TRUSTSTORE_PASSWORD", "it-ejbca-trust")
        .systemProperty("scepra.endpoints", "default,ejbca,filedrop")
        .systemProperty("scepra.endpoint.ejbca.backend", "ejbca")
        .systemProperty("scepra.endpoint.ejbca.ra-certificates", "self-signed")
        .systemProperty("scepra.endpoint.ejbca.ejbca.url",
            "https://127.0.0.1:" + EJBCA_PORT + StandaloneEjbcaDouble.PATH)
        .systemProperty("scepra.endpoint.ejbca.ejbca.keystore", secrets.resolve("ra.p12").toString())
        .systemProperty("scepra.endpoint.ejbca.ejbca.truststore", secrets.resolve("trust.p12").toString())
        .systemProperty("scepra.endpoint.ejbca.ejbca.ca-name", StandaloneEjbcaDouble.CA_NAME)
        .systemProperty("scepra.endpoint.ejbca.ejbca.end-entity-profile", StandaloneEjbcaDouble.END_ENTITY_PROFILE)
        .systemProperty("scepra.endpoint.ejbca.ejbca.connect-timeout-ms", "2000")
        .systemProperty("scepra.endpoint.ejbca.ejbca.read-timeout-ms", Long.toString(READ_TIMEOUT_MS))
        .systemProperty("scepra.endpoint.filedrop.backend", "file-drop")
        .systemProperty("scepra.endpoint.filedrop.ra-certificates", "self-signed")
        .systemProperty("scepra.endpoint.filedrop.file-drop.directory", queue.toString())
        .systemProperty("scepra.endpoint.filedrop.file-drop.ca-certificate", secrets.resolve("offline-ca.pem").toString())
        .build();
    node.start();
    Readiness ready = awaitReadiness(r -> r.httpStatus() == 200);
    assertEquals(200, ready.httpStatus(), () -> "every backend up at the start: " + ready);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
    if (ejbca != null) {
      ejbca.close();
    }
    if (queueFileSystem != null) {
      queueFileSystem.close();
    }
  }

  @Test
  void ejbcaDownIsAFailureAndNotReadyAndRecoversWithoutARestart() throws Exception {
    // two devices, two keys: EJBCA refuses one public key for two end entities
    Device waitingDevice = device(EJBCA);
    String pendingTx = "pending-" + UUID.randomUUID();
    ejbca.enrolmentNeedsApproval(true);
    CertRep waiting;
    try {
      waiting = waitingDevice.send(waitingDevice.pkcsReq(pendingTx, "pending-device"), Duration.ofSeconds(60));
    } finally {
      ejbca.enrolmentNeedsApproval(false);
    }
    assertEquals("3", waiting.pkiStatus(), "recorded as waiting for EJBCA's approval");

    Device device = device(EJBCA);
    String tx = "down-" + UUID.randomUUID();
    byte[] request = device.pkcsReq(tx, "down-device");
    ejbca.stop();
    try {
      assertUnavailable(device, request, CA_UNAVAILABLE, 0);
      assertEquals("3", waitingDevice.send(waitingDevice.certPoll(pendingTx, "pending-device"), Duration.ofSeconds(60))
          .pkiStatus(),
          "what was recorded as PENDING stays PENDING while EJBCA is down");
      assertNotReady(EJBCA_CHECK, "unreachable");
    } finally {
      ejbca.startServing();
    }
    assertRecovered(EJBCA_CHECK);
    assertEquals("0", device.send(request, Duration.ofSeconds(60)).pkiStatus(), "the device's retry is issued");

    ejbca.approve(ejbca.waitingApproval("scepra-pending-device")); // one end entity per device (username-from=cn)
    CertRep approved = waitingDevice.send(waitingDevice.certPoll(pendingTx, "pending-device"), Duration.ofSeconds(60));
    assertEquals("0", approved.pkiStatus(), approved::failInfoText);
  }

  @Test
  void ejbcaTooSlowIsAFailureAfterTheReadTimeoutAndNotReady() throws Exception {
    Device device = device(EJBCA);
    byte[] request = device.pkcsReq("slow-" + UUID.randomUUID(), "slow-device");
    ejbca.stall(Duration.ofSeconds(30));
    try {
      assertUnavailable(device, request, CA_UNAVAILABLE, READ_TIMEOUT_MS - 500);
      assertNotReady(EJBCA_CHECK, "unreachable");
    } finally {
      ejbca.stall(Duration.ZERO);
    }
    assertRecovered(EJBCA_CHECK);
    assertEquals("0", device.send(request, Duration.ofSeconds(60)).pkiStatus(), "the device's retry is issued");
  }

  @Test
  void ejbcaRefusingTheRaIsAFailureAndNotReady() throws Exception {
    Device device = device(EJBCA);
    byte[] request = device.pkcsReq("refused-" + UUID.randomUUID(), "refused-device");
    ejbca.refuseTheRa(true);
    try {
      assertUnavailable(device, request, "the CA refused the RA's request", 0);
      assertNotReady(EJBCA_CHECK, "AuthorizationDenied");
    } finally {
      ejbca.refuseTheRa(false);
    }
    assertRecovered(EJBCA_CHECK);
    assertEquals("0", device.send(request, Duration.ofSeconds(60)).pkiStatus(), "the device's retry is issued");
  }

  @Test
  void fileDropFolderMissing() throws Exception {
    Device device = device(FILEDROP);
    String queuedTx = "queued-" + UUID.randomUUID();
    assertEquals("3", device.send(device.pkcsReq(queuedTx, "queued-device"), Duration.ofSeconds(60)).pkiStatus());

    String tx = "missing-" + UUID.randomUUID();
    byte[] request = device.pkcsReq(tx, "missing-device");
    Path away = queue.resolveSibling("queue-unmounted");
    Files.move(queue, away);
    try {
      assertUnavailable(device, request, QUEUE_UNAVAILABLE, 0);
      assertEquals("3", device.send(device.certPoll(queuedTx, "queued-device"), Duration.ofSeconds(60)).pkiStatus(),
          "a request already queued stays PENDING");
      assertNotReady(FILEDROP_CHECK, "does not exist");
    } finally {
      Files.move(away, queue);
    }
    assertRecovered(FILEDROP_CHECK);
    assertEquals("3", device.send(request, Duration.ofSeconds(60)).pkiStatus(), "the device's retry is queued");
    assertSignedAndPolled(device, queuedTx, "queued-device");
    assertSignedAndPolled(device, tx, "missing-device");
  }

  @Test
  void fileDropFileSystemFull() throws Exception {
    Assumptions.assumeTrue(queueFileSystem.mounted(), "needs root to mount a small tmpfs; skipped");
    Device device = device(FILEDROP);
    String queuedTx = "queued-" + UUID.randomUUID();
    assertEquals("3", device.send(device.pkcsReq(queuedTx, "queued-device"), Duration.ofSeconds(60)).pkiStatus());

    String tx = "full-" + UUID.randomUUID();
    byte[] request = device.pkcsReq(tx, "full-device");
    Path filler = queueFileSystem.dir().resolve("filler");
    queueFileSystem.fill(filler);
    try {
      assertUnavailable(device, request, QUEUE_UNAVAILABLE, 0);
      assertEquals("3", device.send(device.certPoll(queuedTx, "queued-device"), Duration.ofSeconds(60)).pkiStatus(),
          "a request already queued stays PENDING");
      assertNotReady(FILEDROP_CHECK, "is full");
    } finally {
      Files.delete(filler);
    }
    assertRecovered(FILEDROP_CHECK);
    assertEquals("3", device.send(request, Duration.ofSeconds(60)).pkiStatus(), "the device's retry is queued");
    assertSignedAndPolled(device, tx, "full-device");
  }

  private static Device device(String path) throws IOException {
    return Device.create(node, path, TestPki.rsa(2048), "faults-" + UUID.randomUUID());
  }

  /** FAILURE badRequest with {@code text}, answered within the timeouts (and not before {@code atLeastMs}). */
  private static void assertUnavailable(Device device, byte[] request, String text, long atLeastMs) throws IOException {
    long start = System.nanoTime();
    CertRep rep = device.send(request, Duration.ofSeconds(60));
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("BackendFaultsIT: " + text + " answered in " + millis + " ms");
    assertEquals("2", rep.pkiStatus(), rep::failInfoText);
    assertEquals("2", rep.failInfo(), "badRequest");
    assertEquals(text, rep.failInfoText());
    assertTrue(millis >= atLeastMs, "answered in " + millis + " ms, before the backend could have timed out");
    assertTrue(millis < READ_TIMEOUT_MS + MARGIN_MS, "answered in " + millis + " ms: bounded by the timeouts");
  }

  /**
   * Readiness reports the fault once its probe has seen it (probes run in the background: at most their 5 s cache
   * plus the backend's timeouts later), and answers fast meanwhile.
   */
  private static void assertNotReady(String check, String detail) {
    long deadline = System.nanoTime() + Duration.ofMillis(5000 + 2 * READ_TIMEOUT_MS + MARGIN_MS).toNanos();
    Readiness ready;
    long millis;
    do {
      long start = System.nanoTime();
      ready = NodeStatus.readiness(node);
      millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < 2000, "readiness answered in " + millis + " ms: " + ready);
    } while (!"DOWN".equals(ready.check(check)) && System.nanoTime() < deadline && pause());
    Readiness seen = ready;
    assertEquals(503, ready.httpStatus(), ready::toString);
    assertEquals("DOWN", ready.check(check), ready::toString);
    assertEquals("UP", ready.check("database"), ready::toString);
    assertEquals("UP", ready.check("backend:default:internal-ca"), () -> "the other endpoints are unaffected: " + seen);
    assertTrue(ready.body().contains(detail), () -> "the check says why (" + detail + "): " + seen);
  }

  private static boolean pause() {
    sleep(500);
    return true;
  }

  private static void assertRecovered(String check) {
    Readiness ready = awaitReadiness(r -> r.httpStatus() == 200);
    assertEquals(200, ready.httpStatus(), () -> "ready again within " + RECOVERY + ", without a restart: " + ready);
    assertEquals("UP", ready.check(check));
  }

  private static Readiness awaitReadiness(Predicate<Readiness> wanted) {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    Readiness ready = NodeStatus.readiness(node);
    while (!wanted.test(ready) && System.nanoTime() < deadline) {
      sleep(1000);
      ready = NodeStatus.readiness(node);
    }
    return ready;
  }

  /** The offline CA signs the queued CSR of {@code tx}; the device's next polls get the certificate. */
  private static void assertSignedAndPolled(Device device, String tx, String cn) throws Exception {
    String id = queuedId(tx).orElseThrow(() -> new AssertionError(tx + " is not in the outbox"));
    Path signed = offlineCa.sign(queue.resolve("outbox/" + id + ".csr"), queue.resolve("inbox/." + id + ".crt.tmp"));
    Files.move(signed, queue.resolve("inbox/" + id + ".crt"));
    CertRep polled = device.send(device.certPoll(tx, cn), Duration.ofSeconds(60));
    assertEquals("0", polled.pkiStatus(), polled::failInfoText);
    X509Certificate issued = device.issued(polled);
    assertEquals("CN=" + cn, issued.getSubjectX500Principal().getName());
  }

  private static Optional<String> queuedId(String tx) throws IOException {
    try (Stream<Path> files = Files.list(queue.resolve("outbox"))) {
      for (Path json : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonObject summary = Json.createReader(new StringReader(Files.readString(json))).readObject();
        if (tx.equals(summary.getString("transactionId", null))) {
          return Optional.of(summary.getString("id"));
        }
      }
    }
    return Optional.empty();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
