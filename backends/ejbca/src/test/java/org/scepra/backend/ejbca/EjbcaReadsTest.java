package org.scepra.backend.ejbca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.CertificateRevoker.Outcome;
import org.scepra.spi.CertificateRevoker.Reason;

/** CA chain (cached), CRL, revocation and health against the double. */
class EjbcaReadsTest {

  static final String ALIAS = EjbcaFixture.ALIAS;

  @TempDir Path dir;
  EjbcaFixture fixture;
  MutableClock clock = new MutableClock();

  @BeforeEach
  void start() throws Exception {
    fixture = new EjbcaFixture(dir);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void servesTheCaChainFromCacheUntilItExpires() {
    EjbcaCaBackend backend = fixture.backend(clock);

    assertEquals(List.of(fixture.pki.ca.certificate()), backend.caChain(ALIAS));
    backend.caChain(ALIAS);
    assertEquals(1, chainFetches());

    clock.advance(Duration.ofSeconds(301));
    backend.caChain(ALIAS);
    assertEquals(2, chainFetches());
  }

  @Test
  void keepsServingTheCachedChainWhenARefreshFails() {
    EjbcaCaBackend backend = fixture.backend(clock);
    List<X509Certificate> chain = backend.caChain(ALIAS);
    fixture.close();
    clock.advance(Duration.ofSeconds(301));

    assertEquals(chain, backend.caChain(ALIAS));
  }

  @Test
  void saysClearlyWhenThereIsNoChainAtAll() {
    fixture.set("ca-name", "NoCA");

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> fixture.backend().caChain(ALIAS));
    assertTrue(e.getMessage().contains("no CA chain for NoCA") && e.getMessage().contains("CA_NOT_EXISTS"), e.getMessage());
  }

  @Test
  void givesTheLatestCrl() throws Exception {
    EjbcaCaBackend backend = fixture.backend();
    X509Certificate certificate = EjbcaIssueTest.certificate(backend.issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1")));
    backend.revoke(ALIAS, certificate, Reason.KEY_COMPROMISE);

    X509CRL crl = backend.currentCrl(ALIAS).orElseThrow();

    crl.verify(fixture.pki.ca.certificate().getPublicKey());
    assertTrue(crl.isRevoked(certificate));
    assertThrows(IllegalStateException.class, () -> fixture.set("ca-name", "NoCA").backend().currentCrl(ALIAS));
  }

  @Test
  void revokesAndReportsWhatEjbcaSaid() {
    EjbcaCaBackend backend = fixture.backend();
    X509Certificate certificate = EjbcaIssueTest.certificate(backend.issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1")));

    assertEquals(Outcome.REVOKED, backend.revoke(ALIAS, certificate, Reason.KEY_COMPROMISE));
    assertEquals(1, fixture.ejbca.ca.revoked.get(certificate.getSerialNumber()));
    assertEquals(Outcome.ALREADY_REVOKED, backend.revoke(ALIAS, certificate, Reason.SUPERSEDED));

    X509Certificate unknown = fixture.pki.ca.issue(new X500Name("CN=x"), TestPki.ecKeys().getPublic(), null, false, BigInteger.TEN);
    assertEquals(Outcome.UNKNOWN_CERTIFICATE, backend.revoke(ALIAS, unknown, Reason.UNSPECIFIED));
    assertEquals(Outcome.UNKNOWN_CERTIFICATE, backend.revoke(ALIAS, fixture.pki.rogueCert, Reason.UNSPECIFIED));
  }

  @Test
  void revocationCanWaitForApproval() {
    EjbcaCaBackend backend = fixture.backend();
    X509Certificate certificate = EjbcaIssueTest.certificate(backend.issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1")));
    fixture.ejbca.revocationNeedsApproval = true;

    assertEquals(Outcome.WAITING_FOR_APPROVAL, backend.revoke(ALIAS, certificate, Reason.KEY_COMPROMISE));
    fixture.close();
    assertEquals(Outcome.FAILED, backend.revoke(ALIAS, certificate, Reason.KEY_COMPROMISE));
  }

  @Test
  void isHealthyWhenEjbcaAnswersTheRasCertificate() {
    BackendHealth health = fixture.backend().health(ALIAS);

    assertTrue(health.up(), health.detail());
    assertTrue(health.detail().startsWith(EjbcaDouble.VERSION), health.detail());
    assertTrue(fixture.server.requests.stream().anyMatch(r -> r.contains("getLastCAChain")), "an authenticated call");
  }

  @Test
  void isDownWhenTheCaIsUnknown() {
    BackendHealth health = fixture.set("ca-name", "NoCA").backend().health(ALIAS);

    assertEquals(false, health.up());
    assertTrue(health.detail().contains("CADoesntExistsException/CA_NOT_EXISTS"), health.detail());
  }

  @Test
  void aFaultWithoutDetailSaysWhatEjbcaSaid() {
    fixture.ejbca.scripted.put("getLastCAChain", DoubleFaults.generic("Web Services not enabled"));

    BackendHealth health = fixture.backend().health(ALIAS);

    assertEquals(false, health.up());
    assertTrue(health.detail().endsWith("refused the RA's request for CA ManagementCA: SOAP fault without detail: "
        + "Web Services not enabled"), health.detail());
  }

  private long chainFetches() {
    return fixture.server.requests.stream().filter(r -> r.contains("getLastCAChain")).count();
  }
}
