package org.scepra.backend.ejbca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.IssueResult;

/**
 * EJBCA refusing the RA's certificate, down, or too slow: every call ends within the configured
 * timeouts with CA_UNAVAILABLE, and health is DOWN. Elapsed times are checked as upper bounds.
 */
class EjbcaUnavailableTest {

  static final int READ_TIMEOUT_MS = 800;
  static final Duration BOUND = Duration.ofMillis(READ_TIMEOUT_MS + 3_000);

  @TempDir Path dir;
  EjbcaFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new EjbcaFixture(dir);
    fixture.set("connect-timeout-ms", "1000").set("read-timeout-ms", Integer.toString(READ_TIMEOUT_MS));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aClientCertificateEjbcaDoesNotTrustIsRefused() throws Exception {
    Path rogue = TestPki.keyStore(dir.resolve("rogue.p12"), EjbcaFixture.PASSWORD.toCharArray(),
        fixture.pki.rogueKeys.getPrivate(), fixture.pki.rogueCert);
    fixture.set("keystore", rogue.toString());

    assertUnavailable(fixture.backend());
    assertTrue(fixture.ejbca.edits.isEmpty());
  }

  @Test
  void aTrustedCertificateThatIsNoAdministratorIsRefused() throws Exception {
    var keys = TestPki.ecKeys();
    var stranger = fixture.pki.ca.issue(new X500Name("CN=somebody else"), keys.getPublic(), null, false);
    fixture.set("keystore", TestPki.keyStore(dir.resolve("stranger.p12"), EjbcaFixture.PASSWORD.toCharArray(),
        keys.getPrivate(), stranger).toString());
    // the double answers this one (a fault): give its first, slowest answer time, whatever the machine's load
    fixture.set("read-timeout-ms", "15000");
    EjbcaCaBackend backend = fixture.backend();

    assertEquals(FaultMapping.CA_REFUSED, backend.issue(TestCsrs.request(EjbcaFixture.ALIAS, "tx-1", "CN=dev1")));
    BackendHealth health = backend.health(EjbcaFixture.ALIAS);
    assertFalse(health.up());
    assertTrue(health.detail().contains("AuthorizationDeniedException"), health.detail());
  }

  @Test
  void ejbcaDown() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    fixture.set("url", "https://127.0.0.1:" + port + DoubleServer.PATH);

    assertUnavailable(fixture.backend());
  }

  @Test
  void ejbcaTooSlow() {
    fixture.server.delayMillis = 20_000;

    assertUnavailable(fixture.backend());
  }

  @Test
  void ejbcaAcceptsButNeverCompletesTheHandshake() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (Exception e) {
          // closed at the end of the test
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      fixture.set("url", "https://127.0.0.1:" + silent.getLocalPort() + DoubleServer.PATH);

      assertUnavailable(fixture.backend());
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  private void assertUnavailable(EjbcaCaBackend backend) {
    IssueResult issued = within(() -> backend.issue(TestCsrs.request(EjbcaFixture.ALIAS, "tx-1", "CN=dev1")));
    assertEquals(FaultMapping.UNREACHABLE, issued);
    BackendHealth health = within(() -> backend.health(EjbcaFixture.ALIAS));
    assertFalse(health.up(), health.detail());
    assertTrue(health.detail().contains("unreachable"), health.detail());
  }

  private static <T> T within(Supplier<T> call) {
    long start = System.nanoTime();
    T result = call.get();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(elapsed.compareTo(BOUND) < 0, "took " + elapsed.toMillis() + " ms");
    return result;
  }
}
