package org.scepra.backend.adcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scepra.spi.IssueResult;

/**
 * Issuance through the CES double, with either credential: the template comes from the profile
 * (the certificate's key usage is the template's, as AD CS stamps it), the chain from the CMC
 * response, and the chain is kept in the data dir for GetCACert after a restart.
 */
class AdcsIssueTest {

  static CesFixture ces;
  static final KeyPair DEVICE = CesPki.keys(2048);

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    ces = new CesFixture(dir);
  }

  @AfterAll
  static void stop() {
    ces.close();
  }

  @ParameterizedTest(name = "{0} auth, profile {1}")
  @CsvSource({
    "cert, signature, true, false, ScepraSignature",
    "cert, encryption, false, true, ScepraEncryption",
    "cert, general-purpose, true, true, ScepraGeneralPurpose",
    "user, signature, true, false, ScepraSignature",
    "user, general-purpose, true, true, ScepraGeneralPurpose",
    "cert, ra-signing, true, false, ScepraRaSigning",
    "cert, ra-encryption, false, true, ScepraRaEncryption",
  })
  void issuesWithTheProfilesTemplate(String alias, String profile, boolean digitalSignature, boolean keyEncipherment,
      String template) throws Exception {
    IssueResult result = ces.backend().issue(CesFixture.request(alias, profile, DEVICE, "CN=device-" + profile));
    IssueResult.Issued issued = assertInstanceOf(IssueResult.Issued.class, result, result::toString);
    X509Certificate certificate = issued.certificate();
    assertArrayEquals(DEVICE.getPublic().getEncoded(), certificate.getPublicKey().getEncoded());
    assertEquals("CN=device-" + profile, certificate.getSubjectX500Principal().getName());
    assertEquals(digitalSignature, certificate.getKeyUsage()[0], "digitalSignature as template " + template + " says");
    assertEquals(keyEncipherment, certificate.getKeyUsage()[2], "keyEncipherment as template " + template + " says");
    assertEquals(ces.pki.caChain(), issued.chain(), "the chain from the CMC response, issuing CA first");
    certificate.verify(ces.pki.issuing.getPublicKey());
    assertTrue(ces.server.requests.get(ces.server.requests.size() - 1).contains(">" + template + "<"),
        "the template went to CES in AdditionalContext");
  }

  @org.junit.jupiter.api.Test
  void theChainLearnedFromAnIssuanceSurvivesARestart() throws Exception {
    IssueResult result = ces.backend().issue(CesFixture.request("cert", "signature", DEVICE, "CN=chain"));
    assertInstanceOf(IssueResult.Issued.class, result, result::toString);
    Path kept = ces.dir.resolve("data/adcs/cert-ca-chain.pem");
    assertTrue(Files.isRegularFile(kept));

    AdcsCaBackend restarted = ces.backend(); // nothing issued through this instance yet
    List<X509Certificate> chain = restarted.caChain("cert");
    assertEquals(ces.pki.caChain(), chain);
  }
}
