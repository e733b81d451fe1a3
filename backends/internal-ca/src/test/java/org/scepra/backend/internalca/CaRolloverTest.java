package org.scepra.backend.internalca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.CaRollover;
import org.scepra.spi.CertificateRevoker;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.CryptoProviders;
import org.scepra.spi.IssueResult;
import org.scepra.spi.NextCa;
import org.scepra.testkit.MapConfig;

/** Rollover of the internal CA: the next generation, its announcement, the switch, and the old CA after it. */
class CaRolloverTest {

  private static final String ALIAS = "main";
  private static final X500Principal FIRST = new X500Principal("CN=scepra Internal CA,O=scepra");
  private static final X500Principal SECOND = new X500Principal("CN=scepra Internal CA G2,O=scepra");

  @TempDir Path dataDir;
  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  private InternalCaBackend backend(long refreshNanos, String... keyValues) {
    Map<String, String> values = new HashMap<>();
    values.put("scepra.data-dir", dataDir.toString());
    values.put("scepra.internal-ca.key-size", "2048");
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    return new InternalCaBackend(new MapConfig(values), CryptoProviders.JVM_DEFAULTS, clock, refreshNanos);
  }

  private static CaRollover.Request at(Instant activateAt) {
    return new CaRollover.Request(Optional.of(activateAt), OptionalInt.empty());
  }

  private X509Certificate issue(InternalCaBackend backend, String cn) {
    IssueResult result =
        backend.issue(new IssueRequest(ALIAS, "tx-" + cn, TestCsrs.csr("CN=" + cn), TestCsrs.PROFILE));
    return assertInstanceOf(IssueResult.Issued.class, result).certificate();
  }

  @Test
  void announcesTheNextCaUntilItTakesOverThenIssuesWithIt() throws Exception {
    InternalCaBackend backend = backend(0);
    X509Certificate first = backend.caChain(ALIAS).get(0);
    assertTrue(backend.nextCa(ALIAS).isEmpty());
    Instant activateAt = clock.instant().plus(Duration.ofHours(1));

    NextCa next =
        assertInstanceOf(CaRollover.Scheduled.class, backend.rollover(ALIAS, at(activateAt))).next();

    assertEquals(activateAt, next.activateAt());
    X509Certificate root = next.certificates().get(0);
    assertEquals(SECOND, root.getSubjectX500Principal());
    root.verify(root.getPublicKey());
    assertTrue(root.getBasicConstraints() >= 0);
    assertNotEquals(first.getPublicKey(), root.getPublicKey());
    assertLinks(first, root, next.certificates().subList(1, next.certificates().size()));
    assertEquals(first, next.currentCaSigner().orElseThrow().certificate());
    assertEquals(next.certificates(), backend.nextCa(ALIAS).orElseThrow().certificates());
    assertTrue(backend.health(ALIAS).detail().contains("takes over at " + activateAt), backend.health(ALIAS).detail());

    X509Certificate before = issue(backend, "before");
    assertEquals(FIRST, before.getIssuerX500Principal());
    before.verify(first.getPublicKey());
    assertEquals(List.of(first), backend.caChain(ALIAS));

    clock.set(activateAt);
    X509Certificate after = issue(backend, "after");
    assertEquals(SECOND, after.getIssuerX500Principal());
    after.verify(root.getPublicKey());
    assertEquals(List.of(root), backend.caChain(ALIAS));
    assertTrue(backend.nextCa(ALIAS).isEmpty(), "nothing is announced once the next CA took over");
    assertEquals(List.of(first), backend.previousCaCertificates(ALIAS));
    assertTrue(backend.health(ALIAS).up());
  }

  @Test
  void theOldCaKeepsRevokingAndSigningItsCrlAfterTheSwitch() throws Exception {
    InternalCaBackend backend = backend(0);
    X509Certificate first = backend.caChain(ALIAS).get(0);
    X509Certificate old = issue(backend, "old");
    Instant activateAt = clock.instant().plus(Duration.ofMinutes(10));
    backend.rollover(ALIAS, at(activateAt));
    clock.set(activateAt.plusSeconds(1));
    X509Certificate fresh = issue(backend, "fresh");

    assertEquals(CertificateRevoker.Outcome.REVOKED,
        backend.revoke(ALIAS, old, CertificateRevoker.Reason.KEY_COMPROMISE));
    assertEquals(CertificateRevoker.Outcome.REVOKED,
        backend.revoke(ALIAS, fresh, CertificateRevoker.Reason.SUPERSEDED));

    X509CRL oldCrl = backend.crlOf(ALIAS, FIRST).orElseThrow();
    oldCrl.verify(first.getPublicKey());
    assertTrue(oldCrl.isRevoked(old));
    assertFalse(oldCrl.isRevoked(fresh));
    X509CRL newCrl = backend.currentCrl(ALIAS).orElseThrow();
    assertEquals(SECOND, newCrl.getIssuerX500Principal());
    assertEquals(newCrl, backend.crlOf(ALIAS, SECOND).orElseThrow());
    assertTrue(newCrl.isRevoked(fresh));
    assertFalse(newCrl.isRevoked(old));
    assertTrue(backend.crlOf(ALIAS, new X500Principal("CN=someone else")).isEmpty());
    assertTrue(Files.isRegularFile(dataDir.resolve("internal-ca/generation-2/revocations.csv")));
  }

  @Test
  void refusesWhatWouldBreakTheChain() {
    InternalCaBackend backend = backend(0);
    X509Certificate first = backend.caChain(ALIAS).get(0);
    Instant now = clock.instant();
    assertRefused(backend.rollover(ALIAS, at(now.minus(Duration.ofHours(1)))), CaRollover.Reason.INVALID, "in the past");
    assertRefused(backend.rollover(ALIAS, at(first.getNotAfter().toInstant().plusSeconds(60))),
        CaRollover.Reason.INVALID, "must not be after the current CA expires");
    assertRefused(backend.rollover(ALIAS, new CaRollover.Request(Optional.empty(), OptionalInt.of(1024))),
        CaRollover.Reason.INVALID, "keySize");
    assertTrue(backend.nextCa(ALIAS).isEmpty(), "a refused rollover leaves nothing behind");

    assertInstanceOf(CaRollover.Scheduled.class,
        backend.rollover(ALIAS, new CaRollover.Request(Optional.empty(), OptionalInt.empty())));
    NextCa next = backend.nextCa(ALIAS).orElseThrow();
    assertEquals(now.plus(Rollover.DEFAULT_LEAD), next.activateAt());
    assertRefused(backend.rollover(ALIAS, at(now.plus(Duration.ofDays(2)))), CaRollover.Reason.CONFLICT,
        "already scheduled");
  }

  @Test
  void anotherNodeOnTheSameDataDirSeesTheRolloverAndSwitchesWithIt() throws Exception {
    InternalCaBackend one = backend(0);
    InternalCaBackend other = backend(0);
    X509Certificate first = other.caChain(ALIAS).get(0);
    assertTrue(other.nextCa(ALIAS).isEmpty());
    Instant activateAt = clock.instant().plus(Duration.ofMinutes(5));

    one.rollover(ALIAS, at(activateAt));

    assertEquals(one.nextCa(ALIAS).orElseThrow().certificates(), other.nextCa(ALIAS).orElseThrow().certificates());
    clock.set(activateAt);
    assertEquals(SECOND, issue(other, "on-the-other-node").getIssuerX500Principal());
    assertEquals(List.of(first), other.previousCaCertificates(ALIAS));
  }

  @Test
  void anEndpointWithItsOwnKeystoreRollsOverAloneAndTheNextStartKeepsEverything() {
    Path own = dataDir.resolve("lab-ca/ca.p12");
    InternalCaBackend backend = backend(0, "scepra.endpoint.lab.internal-ca.keystore", own.toString());
    X509Certificate shared = backend.caChain(ALIAS).get(0);
    X509Certificate lab = backend.caChain("lab").get(0);
    assertNotEquals(shared, lab);

    backend.rollover("lab", at(clock.instant().plus(Duration.ofMinutes(1))));

    assertTrue(backend.nextCa(ALIAS).isEmpty());
    NextCa next = backend.nextCa("lab").orElseThrow();
    assertTrue(Files.isRegularFile(own.resolveSibling("generation-2/ca.p12")));
    InternalCaBackend restarted =
        backend(0, "scepra.endpoint.lab.internal-ca.keystore", own.toString());
    assertEquals(next.certificates(), restarted.nextCa("lab").orElseThrow().certificates());
    assertEquals(next.activateAt(), restarted.nextCa("lab").orElseThrow().activateAt());
  }

  @Test
  void anInterruptedRolloverWithoutItsKeystoreIsIgnored() throws Exception {
    InternalCaBackend backend = backend(0);
    backend.caChain(ALIAS);
    Path half = dataDir.resolve("internal-ca/generation-2");
    Files.createDirectories(half);
    Files.writeString(half.resolve(GenerationFiles.ACTIVATE_AT), clock.instant() + "\n");

    assertTrue(backend(0).nextCa(ALIAS).isEmpty());
    assertInstanceOf(CaRollover.Scheduled.class, backend.rollover(ALIAS, at(clock.instant().plusSeconds(60))));
    assertEquals(SECOND, backend(0).nextCa(ALIAS).orElseThrow().certificates().get(0).getSubjectX500Principal());
  }

  @Test
  void anExpiredCaIsReplacedAtOnceAndTheBackendIsUpAgain() {
    InternalCaBackend backend = backend(0, "scepra.internal-ca.validity-days", "1");
    X509Certificate first = backend.caChain(ALIAS).get(0);
    clock.set(first.getNotAfter().toInstant().plusSeconds(3600));
    assertFalse(backend.health(ALIAS).up(), backend.health(ALIAS).detail());
    assertTrue(backend.health(ALIAS).detail().contains("expired"), backend.health(ALIAS).detail());

    NextCa next = assertInstanceOf(CaRollover.Scheduled.class,
        backend.rollover(ALIAS, new CaRollover.Request(Optional.empty(), OptionalInt.empty()))).next();

    assertEquals(clock.instant(), next.activateAt());
    assertEquals(List.of(), next.certificates().subList(1, next.certificates().size()),
        "an expired CA certifies no link");
    assertEquals(SECOND, issue(backend, "rescued").getIssuerX500Principal());
    assertTrue(backend.health(ALIAS).up(), backend.health(ALIAS).detail());
    assertTrue(backend.previousCaCertificates(ALIAS).isEmpty(), "an expired CA stands behind nothing");
  }

  private static void assertRefused(CaRollover.Result result, CaRollover.Reason reason, String text) {
    CaRollover.Refused refused = assertInstanceOf(CaRollover.Refused.class, result);
    assertEquals(reason, refused.reason(), refused.message());
    assertTrue(refused.message().contains(text), refused.message());
  }

  /** New key certified by the old one, and the old key by the new one: each verifies with the other's key. */
  private static void assertLinks(X509Certificate old, X509Certificate next, List<X509Certificate> links)
      throws Exception {
    assertEquals(2, links.size());
    X509Certificate nextByOld = links.get(0);
    assertEquals(next.getSubjectX500Principal(), nextByOld.getSubjectX500Principal());
    assertEquals(old.getSubjectX500Principal(), nextByOld.getIssuerX500Principal());
    assertEquals(next.getPublicKey(), nextByOld.getPublicKey());
    nextByOld.verify(old.getPublicKey());
    X509Certificate oldByNext = links.get(1);
    assertEquals(old.getSubjectX500Principal(), oldByNext.getSubjectX500Principal());
    assertEquals(next.getSubjectX500Principal(), oldByNext.getIssuerX500Principal());
    assertEquals(old.getPublicKey(), oldByNext.getPublicKey());
    oldByNext.verify(next.getPublicKey());
    for (X509Certificate link : links) {
      assertTrue(link.getBasicConstraints() >= 0, "a link certificate is a CA certificate");
      assertFalse(link.getNotAfter().after(old.getNotAfter()), "no link outlives the old CA");
      assertTrue(new X509CertificateHolder(link.getEncoded()).isSignatureValid(
          new JcaContentVerifierProviderBuilder().build(
              link == nextByOld ? old.getPublicKey() : next.getPublicKey())));
    }
  }
}
