package org.scepra.ra.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Predicate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.ra.identity.RaIdentities;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.CryptoProviders;
import org.scepra.testkit.MapConfig;

/** Endpoints come into service without holding up the deployment, and by themselves once their CA answers. */
class RaBootstrapTest {
  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(80), Duration.ofMillis(200));
  static final Duration FIRST_ATTEMPTS_WAIT = Duration.ofMillis(300);

  @TempDir Path dir;
  final FakeCa ca = new FakeCa();
  final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
  RaBootstrap bootstrap;

  @AfterEach
  void stop() {
    if (bootstrap != null) {
      bootstrap.stop();
    }
    ca.hold = null;
    scheduler.shutdownNow();
  }

  @Test
  void startDoesNotWaitForTheCa() {
    CountDownLatch never = new CountDownLatch(1);
    ca.hold = never;
    Endpoint endpoint = endpoint("lab", Map.of());

    long start = System.nanoTime();
    bootstrap(Optional.empty()).start(List.of(endpoint));

    assertTrue(System.nanoTime() - start < FIRST_ATTEMPTS_WAIT.plusSeconds(2).toNanos(),
        "start waited a little, then returned while the CA hangs");
    EndpointState.Unavailable state = assertInstanceOf(EndpointState.Unavailable.class, endpoint.state());
    assertEquals("obtaining its RA certificates from the fake backend", state.reason());
    never.countDown();
  }

  @Test
  void aCaThatAnswersAtOnceServesFromTheStart() {
    Endpoint lab = endpoint("lab", Map.of());

    bootstrap = new RaBootstrap(new RaIdentities(dir, Optional.empty(), 2048), scheduler, FAST, PATIENCE,
        Clock.systemUTC());
    bootstrap.start(List.of(lab));

    assertInstanceOf(EndpointState.Serving.class, lab.state(), () -> lab.state().toString());
  }

  @Test
  void anEndpointWhoseCaIsDownServesByItselfOnceItAnswers() throws Exception {
    ca.mode = FakeCa.Mode.DOWN;
    Endpoint lab = endpoint("lab", Map.of());
    Endpoint other = endpoint("other", Map.of("scepra.endpoint.other.ra-certificates", "self-signed"));

    bootstrap(Optional.empty()).start(List.of(lab, other));

    EndpointState.Unavailable down = await(lab, s -> s instanceof EndpointState.Unavailable u
        && u.reason().contains("CA_UNAVAILABLE"), EndpointState.Unavailable.class);
    assertTrue(down.reason().contains("the CA backend did not issue the RA Signing certificate"), down.reason());
    assertTrue(down.nextAttempt().isPresent(), "tried again");
    await(other, s -> s instanceof EndpointState.Serving, EndpointState.Serving.class);
    assertFalse(Files.exists(dir.resolve("lab.p12")), "nothing stored while the CA is down");

    ca.mode = FakeCa.Mode.UP;

    EndpointState.Serving serving = await(lab, s -> s instanceof EndpointState.Serving, EndpointState.Serving.class);
    serving.identity().signingCertificate().verify(ca.caKey.getPublic());
    serving.identity().encryptionCertificate().verify(ca.caKey.getPublic());
    assertTrue(Files.exists(dir.resolve("lab.p12")), "stored for the next start");
    assertTrue(ca.requests.size() >= 3, "a failed attempt or more (the first request), then both certificates: " + ca.requests.size());
  }

  @Test
  void theRaRequestsAskForOneKeyUsageEachAndNameTheEndpoint() throws Exception {
    Endpoint lab = endpoint("lab", Map.of());
    bootstrap(Optional.empty()).start(List.of(lab));
    await(lab, s -> s instanceof EndpointState.Serving, EndpointState.Serving.class);

    assertEquals(2, ca.requests.size());
    IssueRequest signing = ca.requests.get(0);
    IssueRequest encryption = ca.requests.get(1);
    assertEquals("ra-signing", signing.profile().name());
    assertEquals("ra-bootstrap-lab-ra-signing", signing.transactionId());
    assertEquals("ra-bootstrap-lab-ra-encryption", encryption.transactionId());
    assertEquals(new KeyUsage(KeyUsage.digitalSignature), requestedKeyUsage(signing));
    assertEquals(new KeyUsage(KeyUsage.keyEncipherment), requestedKeyUsage(encryption));
    assertTrue(signing.csr().getRequestedExtensions().getExtension(Extension.keyUsage).isCritical());
  }

  @Test
  void certificatesClientsCouldConfuseAreNotStoredAndTheMessageNamesTheSetting() throws Exception {
    ca.onePerRole = false; // EJBCA's ENDUSER profile for both
    Endpoint lab = endpoint("lab", Map.of());

    bootstrap(Optional.empty()).start(List.of(lab));

    EndpointState.Unavailable state = await(lab, s -> s instanceof EndpointState.Unavailable u
        && u.reason().contains("unusable"), EndpointState.Unavailable.class);
    assertTrue(state.reason().contains("also allows digitalSignature, so clients that pick the RA signer by key "
        + "usage (jscep) can take it for the signer"), state.reason());
    assertTrue(state.reason().contains("give fake profile ENDUSER (fake.lab.ra-signing) the key usage "
        + "digitalSignature only and fake profile ENDUSER (fake.lab.ra-encryption) keyEncipherment only"),
        state.reason());
    assertFalse(Files.exists(dir.resolve("lab.p12")));

    ca.onePerRole = true; // the operator fixes the profiles; the next attempt (later, not soon) picks it up
    await(lab, s -> s instanceof EndpointState.Serving, EndpointState.Serving.class);
  }

  @Test
  void aCaThatOnlyQueuesIsNotAskedAgain() throws Exception {
    ca.mode = FakeCa.Mode.PENDING;
    Endpoint lab = endpoint("lab", Map.of());

    bootstrap(Optional.empty()).start(List.of(lab));

    EndpointState.Unavailable state = await(lab, s -> s instanceof EndpointState.Unavailable u
        && u.reason().contains("at once"), EndpointState.Unavailable.class);
    assertTrue(state.reason().contains("set scepra.endpoint.lab.ra-certificates=self-signed"), state.reason());
    assertEquals(Optional.empty(), state.nextAttempt());
    Thread.sleep(300);
    assertEquals(1, ca.requests.size(), "one request queued, not one per attempt");
  }

  @Test
  void anExistingKeystoreServesAtOnceWithoutTheCa() throws Exception {
    Endpoint first = endpoint("lab", Map.of());
    bootstrap(Optional.empty()).start(List.of(first));
    EndpointState.Serving created = await(first, s -> s instanceof EndpointState.Serving, EndpointState.Serving.class);
    bootstrap.stop();
    ca.mode = FakeCa.Mode.DOWN;
    int asked = ca.requests.size();

    Endpoint restarted = endpoint("lab", Map.of());
    bootstrap(Optional.empty()).start(List.of(restarted));

    EndpointState.Serving loaded = assertInstanceOf(EndpointState.Serving.class, restarted.state());
    assertEquals(created.identity().signingCertificate(), loaded.identity().signingCertificate());
    assertEquals(created.identity().encryptionCertificate(), loaded.identity().encryptionCertificate());
    assertEquals(asked, ca.requests.size(), "the CA was not asked");
  }

  @Test
  void aKeystoreThatCannotBeReadStopsTheDeployment() throws Exception {
    Endpoint first = endpoint("lab", Map.of());
    bootstrap(Optional.of("first-password")).start(List.of(first));
    await(first, s -> s instanceof EndpointState.Serving, EndpointState.Serving.class);
    bootstrap.stop();

    RaBootstrap wrongPassword = bootstrap(Optional.of("another-password"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> wrongPassword.start(List.of(endpoint("lab", Map.of()))));

    assertTrue(e.getMessage().startsWith("endpoint 'lab': cannot load its RA keys"), e.getMessage());
    assertFalse(e.getMessage().contains("password-"), "no secret in the message");
  }

  private RaBootstrap bootstrap(Optional<String> password) {
    bootstrap = new RaBootstrap(new RaIdentities(dir, password, 2048), scheduler, FAST, FIRST_ATTEMPTS_WAIT,
        Clock.systemUTC());
    return bootstrap;
  }

  private Endpoint endpoint(String alias, Map<String, String> settings) {
    Map<String, String> config = new java.util.HashMap<>(settings);
    config.put("scepra.endpoint." + alias + ".backend", "fake");
    return new Endpoint(new ScepraSettings(new MapConfig(config)).endpoint(alias), ca, CryptoProviders.JVM_DEFAULTS);
  }

  private static <T extends EndpointState> T await(Endpoint endpoint, Predicate<EndpointState> wanted, Class<T> type)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!wanted.test(endpoint.state()) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(wanted.test(endpoint.state()), () -> "endpoint " + endpoint.alias() + " is " + endpoint.state());
    return type.cast(endpoint.state());
  }

  private static KeyUsage requestedKeyUsage(IssueRequest request) {
    return KeyUsage.fromExtensions(request.csr().getRequestedExtensions());
  }
}
