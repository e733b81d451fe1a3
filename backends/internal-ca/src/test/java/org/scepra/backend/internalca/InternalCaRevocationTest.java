package org.scepra.backend.internalca;

import org.scepra.spi.CryptoProviders;
import org.scepra.testkit.MapConfig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.CertificateRevoker;
import org.scepra.spi.CertificateRevoker.Outcome;
import org.scepra.spi.CertificateRevoker.Reason;
import org.scepra.spi.CrlSource;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;

class InternalCaRevocationTest {

  @TempDir Path dataDir;

  private InternalCaBackend backend(String... keyValues) {
    Map<String, String> values = new HashMap<>();
    values.put("scepra.data-dir", dataDir.toString());
    values.put("scepra.internal-ca.key-size", "2048");
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    return new InternalCaBackend(new MapConfig(values), CryptoProviders.JVM_DEFAULTS);
  }

  private static X509Certificate issue(InternalCaBackend backend, String cn) {
    IssueRequest request =
        new IssueRequest("main", "tx-" + cn, TestCsrs.csr("CN=" + cn), TestCsrs.PROFILE);
    return assertInstanceOf(IssueResult.Issued.class, backend.issue(request)).certificate();
  }

  private static X509CRL crl(InternalCaBackend backend) {
    return backend.currentCrl("main").orElseThrow();
  }

  private Path revocationsFile() {
    return dataDir.resolve("internal-ca").resolve("revocations.csv");
  }

  /** Checks what every CRL must be, and returns it. */
  private static X509CRL assertValidCrl(InternalCaBackend backend, Duration validity)
      throws Exception {
    X509Certificate ca = backend.caChain("main").get(0);
    X509CRL crl = crl(backend);
    crl.verify(ca.getPublicKey());
    assertEquals(2, crl.getVersion());
    assertEquals(ca.getSubjectX500Principal(), crl.getIssuerX500Principal());
    assertArrayEquals(
        ca.getSubjectX500Principal().getEncoded(), crl.getIssuerX500Principal().getEncoded());
    assertEquals(ca.getSigAlgName(), crl.getSigAlgName());
    assertEquals(
        validity,
        Duration.between(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant()));
    X509CRLHolder holder = new X509CRLHolder(crl.getEncoded());
    assertFalse(holder.getExtension(Extension.cRLNumber).isCritical());
    byte[] ski =
        SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(ca).getExtensions())
            .getKeyIdentifier();
    assertArrayEquals(
        ski,
        AuthorityKeyIdentifier.fromExtensions(holder.getExtensions()).getKeyIdentifierOctets());
    return crl;
  }

  @Test
  void implementsTheOptionalCapabilities() {
    assertTrue(CrlSource.class.isAssignableFrom(InternalCaBackend.class));
    assertTrue(CertificateRevoker.class.isAssignableFrom(InternalCaBackend.class));
  }

  @Test
  void publishesAnEmptyCrlBeforeAnyRevocation() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    X509CRL crl = assertValidCrl(backend(), Duration.ofHours(24));

    assertNull(crl.getRevokedCertificates());
    assertFalse(crl.getThisUpdate().toInstant().isBefore(before), "thisUpdate is now");
    assertFalse(crl.getThisUpdate().toInstant().isAfter(Instant.now()));
    assertNotNull(CaRevocationsTest.crlNumber(crl));
  }

  @Test
  void revokedCertificateAppearsWithItsReasonAndDate() throws Exception {
    InternalCaBackend backend = backend("scepra.internal-ca.crl-validity-hours", "6");
    X509Certificate certificate = issue(backend, "device-1");
    X509Certificate other = issue(backend, "device-2");
    X509CRL empty = crl(backend);

    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    assertEquals(Outcome.REVOKED, backend.revoke("main", certificate, Reason.KEY_COMPROMISE));
    assertEquals(Outcome.REVOKED, backend.revoke("main", other, Reason.UNSPECIFIED));
    Instant after = Instant.now();

    X509CRL crl = assertValidCrl(backend, Duration.ofHours(6));
    assertEquals(2, crl.getRevokedCertificates().size());
    assertTrue(crl.isRevoked(certificate));
    X509CRLEntry entry = crl.getRevokedCertificate(certificate);
    assertEquals(CRLReason.KEY_COMPROMISE, entry.getRevocationReason());
    Instant revokedAt = entry.getRevocationDate().toInstant();
    assertFalse(revokedAt.isBefore(before) || revokedAt.isAfter(after), revokedAt.toString());

    X509CRLEntry unspecified = crl.getRevokedCertificate(other);
    assertNull(unspecified.getRevocationReason());
    assertNull(
        unspecified.getExtensionValue(Extension.reasonCode.getId()),
        "RFC 5280: no reasonCode for unspecified");
    assertTrue(CaRevocationsTest.crlNumber(crl).compareTo(CaRevocationsTest.crlNumber(empty)) > 0);
  }

  @Test
  void signsWithTheConfiguredAlgorithm() throws Exception {
    InternalCaBackend backend = backend("scepra.internal-ca.signature-algorithm", "SHA384withRSA");
    assertEquals("SHA384withRSA", assertValidCrl(backend, Duration.ofHours(24)).getSigAlgName());
  }

  @Test
  void crlNumberIncreasesWithEachRevocationAndSurvivesARestart() throws Exception {
    InternalCaBackend backend = backend();
    X509Certificate first = issue(backend, "first");
    X509Certificate second = issue(backend, "second");
    backend.revoke("main", first, Reason.SUPERSEDED);
    BigInteger one = CaRevocationsTest.crlNumber(crl(backend));

    backend.revoke("main", second, Reason.CESSATION_OF_OPERATION);
    X509CRL crl = crl(backend);
    BigInteger two = CaRevocationsTest.crlNumber(crl);
    assertTrue(two.compareTo(one) > 0, one + " then " + two);
    assertEquals(2, crl.getRevokedCertificates().size());

    InternalCaBackend restarted = backend();
    X509CRL afterRestart = assertValidCrl(restarted, Duration.ofHours(24));
    assertTrue(CaRevocationsTest.crlNumber(afterRestart).compareTo(two) > 0);
    assertTrue(afterRestart.isRevoked(first) && afterRestart.isRevoked(second));
    assertEquals(
        CRLReason.CESSATION_OF_OPERATION,
        afterRestart.getRevokedCertificate(second).getRevocationReason());
  }

  @Test
  void revokingTwiceSaysAlreadyRevoked() throws Exception {
    InternalCaBackend backend = backend();
    X509Certificate certificate = issue(backend, "twice");

    assertEquals(Outcome.REVOKED, backend.revoke("main", certificate, Reason.KEY_COMPROMISE));
    assertEquals(Outcome.ALREADY_REVOKED, backend.revoke("main", certificate, Reason.SUPERSEDED));
    assertEquals(
        Outcome.ALREADY_REVOKED, backend().revoke("main", certificate, Reason.KEY_COMPROMISE));

    assertEquals(1, Files.readAllLines(revocationsFile()).size());
    assertEquals(
        CRLReason.KEY_COMPROMISE,
        crl(backend).getRevokedCertificate(certificate).getRevocationReason());
  }

  @Test
  void certificatesThisCaDidNotIssueAreUnknown() throws Exception {
    InternalCaBackend backend = backend();
    X509Certificate ca = backend.caChain("main").get(0);
    // TestCa has the same default subject DN as this CA, but its own key.
    X509Certificate sameDnOtherKey = TestCa.issue(TestCa.issuer(), TestCsrs.csr("CN=imposter"));
    assertEquals(ca.getSubjectX500Principal(), sameDnOtherKey.getIssuerX500Principal());
    CaIdentity otherCa =
        CaCertificateFactory.create(
            TestCsrs.smallCa().withSubject("CN=Other CA,O=Elsewhere"),
            new SecureRandom(),
            Clock.systemUTC());
    X509Certificate otherCaCert =
        assertInstanceOf(
                IssueResult.Issued.class,
                new CertificateIssuer(otherCa, "SHA256withRSA", Duration.ZERO)
                    .issue(TestCsrs.csr("CN=foreign"), TestCsrs.PROFILE))
            .certificate();

    for (X509Certificate foreign : List.of(sameDnOtherKey, otherCaCert, ca)) {
      assertEquals(
          Outcome.UNKNOWN_CERTIFICATE, backend.revoke("main", foreign, Reason.KEY_COMPROMISE));
    }
    assertTrue(Files.notExists(revocationsFile()));
    assertNull(crl(backend).getRevokedCertificates());
  }

  @Test
  void concurrentRevocationsFromTwoNodesAllLand() throws Exception {
    InternalCaBackend node1 = backend();
    InternalCaBackend node2 = backend(); // a second node on the same data dir
    List<X509Certificate> certificates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      certificates.add(issue(i % 2 == 0 ? node1 : node2, "concurrent-" + i));
    }
    node1.currentCrl("main"); // cached before, so it must notice the change
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Outcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        InternalCaBackend node = i % 2 == 0 ? node1 : node2;
        X509Certificate certificate = certificates.get(i);
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  return node.revoke("main", certificate, Reason.PRIVILEGE_WITHDRAWN);
                }));
      }
      start.countDown();
      for (Future<Outcome> outcome : outcomes) {
        assertEquals(Outcome.REVOKED, outcome.get());
      }
    } finally {
      pool.shutdownNow();
    }

    List<String> lines = Files.readAllLines(revocationsFile());
    assertEquals(8, lines.size());
    lines.forEach(line -> assertNotNull(Revocation.parse(line), line));
    for (InternalCaBackend node : List.of(node1, node2, backend())) {
      X509CRL crl = crl(node);
      assertEquals(8, crl.getRevokedCertificates().size());
      certificates.forEach(c -> assertTrue(crl.isRevoked(c)));
    }
  }

  @Test
  void aTornLastLineIsIgnored() throws Exception {
    InternalCaBackend backend = backend();
    X509Certificate first = issue(backend, "before-crash");
    X509Certificate second = issue(backend, "after-crash");
    backend.revoke("main", first, Reason.KEY_COMPROMISE);
    Files.writeString(revocationsFile(), "1a2b3c4d,2025-0", StandardOpenOption.APPEND);

    X509CRL crl = crl(backend());
    assertEquals(1, crl.getRevokedCertificates().size());
    assertTrue(crl.isRevoked(first));

    assertEquals(Outcome.REVOKED, backend.revoke("main", second, Reason.UNSPECIFIED));
    List<String> lines = Files.readAllLines(revocationsFile());
    assertEquals(2, lines.size());
    lines.forEach(line -> assertNotNull(Revocation.parse(line), line));
    assertEquals(2, crl(backend).getRevokedCertificates().size());
  }

  @Test
  void anUnwritableRevocationFileFailsTheRevocation() throws Exception {
    InternalCaBackend backend = backend();
    X509Certificate certificate = issue(backend, "io-error");
    Files.createDirectories(revocationsFile()); // a directory cannot be read as the list

    assertEquals(Outcome.FAILED, backend.revoke("main", certificate, Reason.KEY_COMPROMISE));
    assertThrows(IllegalStateException.class, () -> backend.currentCrl("main"));
  }

  @Test
  void anUnavailableCaFailsRevocationsAndHasNoCrl() {
    InternalCaBackend broken = backend("scepra.internal-ca.crl-validity-hours", "0");

    assertFalse(broken.health("main").up());
    assertTrue(
        broken.health("main").detail().contains("scepra.internal-ca.crl-validity-hours"),
        broken.health("main").detail());
    assertEquals(
        Outcome.FAILED, broken.revoke("main", TestCa.CA.certificate(), Reason.UNSPECIFIED));
    assertThrows(IllegalStateException.class, () -> broken.currentCrl("main"));
  }
}
