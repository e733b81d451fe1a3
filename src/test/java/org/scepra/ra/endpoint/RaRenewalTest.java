package org.scepra.ra.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.ra.identity.RaIdentities;
import org.scepra.ra.identity.RaIdentity;
import org.scepra.ra.identity.RaIdentityUnavailable;
import org.scepra.ra.identity.RaLifetime;
import org.scepra.spi.CryptoProviders;
import org.scepra.testkit.MapConfig;
import org.scepra.testkit.TestPki;

/**
 * RA certificates renew by themselves before they expire where scepra can, warn where it cannot, stop the endpoint
 * once expired, and a keystore renewed by another node or replaced by an operator is picked up; all on a clock the
 * test moves. FakeCa issues RA certificates for 30 days.
 */
class RaRenewalTest {
  static final Duration RENEW_BEFORE = Duration.ofDays(10);

  @TempDir Path dir;
  final FakeCa ca = new FakeCa();
  final MovableClock clock = new MovableClock();
  final List<String> audited = new ArrayList<>();
  final List<String> takenOut = new ArrayList<>();

  @org.junit.jupiter.api.BeforeEach
  void caOnTheTestsClock() {
    ca.clock = clock;
  }

  @Test
  void renewsWithNewKeysOnceDueAndKeepsDecryptingForThePreviousKey() throws Exception {
    RaIdentities identities = identities();
    Endpoint endpoint = endpoint("lab", Map.of());
    RaIdentity first = identities.obtain("lab", ca, false);
    endpoint.activate(first);
    RaRenewal renewal = renewal(identities);

    renewal.look(endpoint);
    assertEquals(first, endpoint.servingIdentity().orElseThrow(), "not due yet: nothing renewed");
    assertEquals(2, ca.requests.size());

    clock.advance(Duration.ofDays(21)); // 9 days before expiry: inside the 10-day window
    renewal.look(endpoint);

    RaIdentity renewed = endpoint.servingIdentity().orElseThrow();
    assertNotEquals(first.signingCertificate(), renewed.signingCertificate());
    assertNotEquals(first.encryptionCertificate().getPublicKey(), renewed.encryptionCertificate().getPublicKey(),
        "new keys");
    assertEquals(4, ca.requests.size(), "the backend certified the two new keys");
    assertEquals(List.of(first.encryptionCertificate()),
        renewed.retired().stream().map(RaIdentity.Retired::certificate).toList());
    assertEquals(2, renewed.decryptionKeys(CryptoProviders.JVM_DEFAULTS).size(), "new and previous keys decrypt");
    assertEquals(renewed.encryptionCertificate(), endpoint.caCertificates().get(0), "GetCACert serves the new one");
    assertEquals(renewed, identities.existing("lab").orElseThrow(), "stored with the retired key");
    assertTrue(audited.stream().anyMatch(line -> line.startsWith("lab ra-renewal SUCCESS")), audited::toString);
  }

  @Test
  void suppliedCertificatesWarnOnceADayAndStopTheEndpointWhenExpired() throws Exception {
    RaIdentities identities = identities();
    Endpoint endpoint = endpoint("lab", Map.of());
    endpoint.activate(foreign(Duration.ofDays(30)));
    RaRenewal renewal = renewal(identities);

    clock.advance(Duration.ofDays(25));
    renewal.look(endpoint);
    renewal.look(endpoint);
    List<String> warnings = audited.stream().filter(line -> line.startsWith("lab ra-certificate-expiring")).toList();
    assertEquals(1, warnings.size(), audited::toString);
    assertTrue(warnings.get(0).contains("scepra cannot renew them: replace"), warnings::toString);
    assertEquals(0, ca.requests.size(), "supplied certificates are never replaced by the backend's");
    assertInstanceOf(EndpointState.Serving.class, endpoint.state(), "due is a warning, not an outage");

    clock.advance(Duration.ofDays(1).plusMinutes(1));
    renewal.look(endpoint);
    assertEquals(2, audited.stream().filter(line -> line.startsWith("lab ra-certificate-expiring")).count());

    clock.advance(Duration.ofDays(5));
    EndpointState.Unavailable state = assertInstanceOf(EndpointState.Unavailable.class, endpoint.state(),
        "an expired RA certificate is never served, also before the next look");
    assertTrue(state.reason().contains("CN=Supplied RA Encryption") && state.reason().contains("expired at"),
        state.reason());
    renewal.look(endpoint);
    assertEquals(1, takenOut.size(), takenOut::toString);
    assertTrue(takenOut.get(0).contains("expired at"), takenOut::toString);
  }

  @Test
  void aKeystoreAnotherNodeRenewedIsPickedUpAndOnlyOneNodeRenews() throws Exception {
    RaIdentities nodeA = identities();
    RaIdentities nodeB = identities();
    Endpoint onA = endpoint("lab", Map.of());
    Endpoint onB = endpoint("lab", Map.of());
    RaIdentity first = nodeA.obtain("lab", ca, false);
    onA.activate(first);
    onB.activate(nodeB.obtain("lab", ca, false));
    RaRenewal renewalA = renewal(nodeA);
    RaRenewal renewalB = renewal(nodeB);
    renewalA.look(onA);
    renewalB.look(onB);

    clock.advance(Duration.ofDays(21));
    renewalA.look(onA);
    touchLater(RaIdentities.keystoreFile(dir, "lab"));
    renewalB.look(onB);

    assertEquals(4, ca.requests.size(), "one node renewed; the other took its certificates");
    assertEquals(onA.servingIdentity().orElseThrow().signingCertificate(),
        onB.servingIdentity().orElseThrow().signingCertificate());
    assertEquals(first.encryptionCertificate(), onB.servingIdentity().orElseThrow().retired().get(0).certificate());
  }

  @Test
  void twoNodesDueAtOnceRenewOnce() throws Exception {
    RaIdentities nodeA = identities();
    RaIdentities nodeB = identities();
    RaIdentity first = nodeA.obtain("lab", ca, false);
    RaIdentity renewedByA = nodeA.renew("lab", ca, false, first);
    RaIdentity seenByB = nodeB.renew("lab", ca, false, first);

    assertEquals(renewedByA.signingCertificate(), seenByB.signingCertificate());
    assertEquals(4, ca.requests.size());
  }

  @Test
  void selfSignedCertificatesAreRenewedByScepra() throws Exception {
    RaIdentities identities = identities();
    Endpoint endpoint = endpoint("drop", Map.of("scepra.endpoint.drop.ra-certificates", "self-signed"));
    RaIdentity first = identities.obtain("drop", ca, true);
    endpoint.activate(first);
    RaRenewal renewal = renewal(identities);

    clock.advance(Duration.ofDays(2 * 365 - 5));
    renewal.look(endpoint);

    RaIdentity renewed = endpoint.servingIdentity().orElseThrow();
    assertNotEquals(first.signingCertificate(), renewed.signingCertificate());
    assertEquals(renewed.signingCertificate().getSubjectX500Principal(),
        renewed.signingCertificate().getIssuerX500Principal());
    assertEquals(0, ca.requests.size());
  }

  @Test
  void anExpiredKeystoreAtStartIsRenewedWhereScepraCanAndRefusedWhereNot() throws Exception {
    RaIdentities identities = identities();
    RaIdentity first = identities.obtain("lab", ca, false);
    clock.advance(Duration.ofDays(31));

    RaIdentity renewed = identities.obtain("lab", ca, false);
    assertNotEquals(first.signingCertificate(), renewed.signingCertificate());
    assertTrue(renewed.retired().isEmpty(), "an expired encryption key is not kept");

    Path other = Files.createDirectories(dir.resolve("other"));
    RaIdentities supplied = new RaIdentities(other, Optional.of("changeit"), 2048, clock);
    supplied.obtain("lab", ca, true); // creates the keystore; then an operator puts a foreign one in its place
    RaIdentity foreign = foreign(Duration.ofDays(1));
    new RaIdentities(other, Optional.of("changeit"), 2048, clock).renew("lab", ca, false,
        supplied.existing("lab").orElseThrow()); // overwritten below
    writeKeystore(other, foreign);
    clock.advance(Duration.ofDays(2));
    RaIdentityUnavailable refused = assertThrows(RaIdentityUnavailable.class, () -> supplied.obtain("lab", ca, false));
    assertTrue(refused.getMessage().contains("expired at") && refused.getMessage().contains("replace"),
        refused.getMessage());
  }

  @Test
  void lifetimeStatusTable() {
    KeyPair key = TestPki.rsa(2048);
    X509Certificate thirtyDays = TestPki.certificate("CN=ra", key.getPublic(), "CN=ra", key.getPrivate(),
        KeyUsage.digitalSignature | KeyUsage.keyEncipherment, Duration.ofDays(30));
    RaIdentity identity = new RaIdentity(thirtyDays, key.getPrivate(), thirtyDays, key.getPrivate());
    Instant now = Instant.now();
    record Row(Duration after, Duration renewBefore, Class<?> expected) {}
    for (Row row : List.of(new Row(Duration.ZERO, Duration.ofDays(5), RaLifetime.Valid.class),
        new Row(Duration.ofDays(26), Duration.ofDays(5), RaLifetime.RenewalDue.class),
        new Row(Duration.ofDays(31), Duration.ofDays(5), RaLifetime.Expired.class),
        // a window longer than the certificates' life: renewed when two thirds of it have passed, not at once
        new Row(Duration.ofDays(1), Duration.ofDays(30), RaLifetime.Valid.class),
        new Row(Duration.ofDays(21), Duration.ofDays(30), RaLifetime.RenewalDue.class),
        new Row(Duration.ofDays(-1), Duration.ofDays(5), RaLifetime.Expired.class))) {
      assertInstanceOf(row.expected(), RaLifetime.of(identity, now.plus(row.after()), row.renewBefore()),
          row::toString);
    }
  }

  private void writeKeystore(Path directory, RaIdentity identity) throws Exception {
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = "changeit".toCharArray();
    store.setKeyEntry("ra-signing", identity.signingKey(), password,
        new java.security.cert.Certificate[] {identity.signingCertificate()});
    store.setKeyEntry("ra-encryption", identity.encryptionKey(), password,
        new java.security.cert.Certificate[] {identity.encryptionCertificate()});
    try (var out = Files.newOutputStream(RaIdentities.keystoreFile(directory, "lab"))) {
      store.store(out, password);
    }
  }

  /** RA certificates from a CA that is not the endpoint's: an operator supplied them. */
  private static RaIdentity foreign(Duration validity) {
    KeyPair caKey = TestPki.rsa(2048);
    KeyPair signing = TestPki.rsa(2048);
    KeyPair encryption = TestPki.rsa(2048);
    return new RaIdentity(
        TestPki.certificate("CN=Supplied RA Signing", signing.getPublic(), "CN=Other CA", caKey.getPrivate(),
            KeyUsage.digitalSignature, validity), signing.getPrivate(),
        TestPki.certificate("CN=Supplied RA Encryption", encryption.getPublic(), "CN=Other CA", caKey.getPrivate(),
            KeyUsage.keyEncipherment, validity.minusHours(1)), encryption.getPrivate());
  }

  /** File times have a coarse resolution on some file systems: make the change visible. */
  private static void touchLater(Path file) throws Exception {
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
  }

  private RaIdentities identities() {
    return new RaIdentities(dir, Optional.of("changeit"), 2048, clock);
  }

  private RaRenewal renewal(RaIdentities identities) {
    return new RaRenewal(identities, alias -> RENEW_BEFORE,
        (alias, event, outcome, reason) -> audited.add(alias + " " + event + " " + outcome + " " + reason), clock,
        (endpoint, reason) -> takenOut.add(reason));
  }

  private Endpoint endpoint(String alias, Map<String, String> settings) {
    Map<String, String> config = new java.util.HashMap<>(settings);
    config.put("scepra.endpoint." + alias + ".backend", "fake");
    return new Endpoint(new ScepraSettings(new MapConfig(config)).endpoint(alias), ca, CryptoProviders.JVM_DEFAULTS,
        clock);
  }

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
