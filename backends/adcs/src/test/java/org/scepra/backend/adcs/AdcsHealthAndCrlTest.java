package org.scepra.backend.adcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.IssueResult;

/** Readiness (one QueryTokenStatus, the chain known) and the CRL from the CA's CDP. */
class AdcsHealthAndCrlTest {

  CesFixture ces;
  AdcsCaBackend backend;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    ces = new CesFixture(dir);
    backend = ces.backend();
  }

  @AfterEach
  void stop() {
    ces.close();
  }

  void issueOnce(String alias) throws Exception {
    assertInstanceOf(IssueResult.Issued.class,
        backend.issue(CesFixture.request(alias, "ra-signing", CesPki.keys(2048), "CN=scepra RA Signing")));
  }

  @Test
  void upOnceCesAndItsCaAnswerAndTheChainIsKnown() throws Exception {
    BackendHealth before = backend.health("cert");
    assertFalse(before.up(), "no chain learned yet: GetCACert could not be answered");
    assertTrue(before.detail().contains("no CA chain known yet"), before.detail());
    issueOnce("cert");
    issueOnce("user");
    for (String alias : new String[] {"cert", "user"}) {
      BackendHealth health = backend.health(alias);
      assertTrue(health.up(), health.detail());
      assertTrue(health.detail().contains("CN=Contoso Issuing CA"), health.detail());
    }
    assertTrue(ces.server.requests.get(ces.server.requests.size() - 1).contains(">0</"), "RequestID 0 probed");
  }

  @Test
  void downWhenCesRefusesTheCredentialOrTheCaIsAway() throws Exception {
    issueOnce("user");
    ces.config.put("scepra.endpoint.user.adcs.password", "wrong-password-99");
    BackendHealth wrong = ces.backend().health("user");
    assertFalse(wrong.up());
    assertTrue(wrong.detail().contains("refused scepra's username credential"), wrong.detail());
    assertFalse(wrong.detail().contains("wrong-password-99"));

    ces.ca.caUnavailable = true;
    BackendHealth away = backend.health("user");
    assertFalse(away.up());
    assertTrue(away.detail().contains("0x800706BA"), away.detail());

    ces.server.close();
    assertFalse(backend.health("user").up());
  }

  @Test
  void downAndNamingTheKeyWhenMisconfigured() {
    ces.config.remove("scepra.endpoint.cert.adcs.keystore-password");
    BackendHealth health = ces.backend().health("cert");
    assertFalse(health.up());
    assertEquals("scepra.endpoint.cert.adcs.keystore-password is required", health.detail());
  }

  @Test
  void theCrlComesFromTheCdpSignedByTheIssuingCa() throws Exception {
    issueOnce("cert");
    IssueResult.Issued device = assertInstanceOf(IssueResult.Issued.class,
        backend.issue(CesFixture.request("cert", "signature", CesPki.keys(2048), "CN=revoked")));
    ces.service.revoke(device.certificate());
    X509CRL crl = backend.currentCrl("cert").orElseThrow();
    assertEquals(ces.pki.issuing.getSubjectX500Principal(), crl.getIssuerX500Principal());
    assertNotNull(crl.getRevokedCertificate(device.certificate().getSerialNumber()));

    ces.config.remove("scepra.endpoint.user.adcs.crl-url");
    assertTrue(ces.backend().currentCrl("user").isEmpty(), "no crl-url: the CA publishes none through scepra");

    ces.config.put("scepra.endpoint.user.adcs.crl-url", ces.server.url(false).toString()); // not a CRL
    AdcsCaBackend misdirected = ces.backend();
    assertInstanceOf(IssueResult.Issued.class,
        misdirected.issue(CesFixture.request("user", "signature", CesPki.keys(2048), "CN=x")));
    assertThrows(IllegalStateException.class, () -> misdirected.currentCrl("user"));
  }
}
