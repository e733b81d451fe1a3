package org.scepra.backend.ejbca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.spi.IssueResult.Reason;

/** Enrolment against the double: what is sent, what comes back, how names and profiles are chosen. */
class EjbcaIssueTest {

  static final String ALIAS = EjbcaFixture.ALIAS;

  @TempDir Path dir;
  EjbcaFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new EjbcaFixture(dir);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void issuesTheCsrWithSubjectAndAltNamesAndReturnsTheChain() throws Exception {
    IssueRequest request = TestCsrs.request(ALIAS, "tx-1", "CN=dev1,O=Probe",
        new GeneralName(GeneralName.dNSName, "dev1.example.com"), new GeneralName(GeneralName.iPAddress, "192.0.2.7"),
        new GeneralName(GeneralName.rfc822Name, "ops@example.com"));

    IssueResult.Issued issued = issued(fixture.backend().issue(request));

    JcaX509CertificateHolder holder = new JcaX509CertificateHolder(issued.certificate());
    assertEquals(new X500Name("CN=dev1,O=Probe"), holder.getSubject());
    assertEquals(request.csr().getSubjectPublicKeyInfo(), holder.getSubjectPublicKeyInfo());
    assertEquals(GeneralNames.fromExtensions(request.csr().getRequestedExtensions(), Extension.subjectAlternativeName),
        GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName));
    assertEquals(List.of(fixture.pki.ca.certificate()), issued.chain());
  }

  /** Intune asks for its strong-mapping SAN (KB5014754); its comma must survive EJBCA's altName string. */
  @Test
  void carriesIntunesStrongMappingSidUrlIntoTheCertificate() throws Exception {
    GeneralName sid = new GeneralName(GeneralName.uniformResourceIdentifier, AltNamesTest.INTUNE_SID_URL);
    IssueRequest request = TestCsrs.request(ALIAS, "tx-1", "CN=dev1", sid);

    X509Certificate certificate = certificate(fixture.backend().issue(request));

    assertEquals("uniformResourceIdentifier=tag:microsoft.com\\,2022-09-14:sid:"
        + "S-1-5-21-1004336348-1177238915-682003330-512", fixture.ejbca.edits.get(0).subjectAltName);
    assertEquals(new GeneralNames(sid), GeneralNames.fromExtensions(
        new JcaX509CertificateHolder(certificate).getExtensions(), Extension.subjectAlternativeName));
  }

  @Test
  void setsTheDevicesEndEntityWithAFreshOneTimePasswordEachTime() {
    EjbcaCaBackend backend = fixture.backend();
    issued(backend.issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1")));
    issued(backend.issue(TestCsrs.request(ALIAS, "tx-2", "CN=dev1")));

    UserDataVOWS first = fixture.ejbca.edits.get(0);
    assertEquals("scepra-dev1", first.username, "by default one end entity per common name");
    assertEquals("scepra-dev1", fixture.ejbca.edits.get(1).username);
    assertEquals("CN=dev1", first.subjectDN);
    assertEquals(EjbcaDouble.CA_NAME, first.caName);
    assertEquals("EMPTY", first.endEntityProfileName);
    assertEquals("ENDUSER", first.certificateProfileName);
    assertEquals(UserDataVOWS.STATUS_NEW, first.status);
    assertEquals(UserDataVOWS.TOKEN_USERGENERATED, first.tokenType);
    assertTrue(first.password.length() >= 24, "long enough");
    assertNotEquals(first.password, fixture.ejbca.edits.get(1).password);
  }

  @Test
  void putsArgumentsOnTheWireAsEjbcaExpects() {
    issued(fixture.backend().issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1")));

    String editUser = fixture.server.requests.stream().filter(r -> r.contains("editUser")).findFirst().orElseThrow();
    var body = SoapShape.parse(editUser).getElementsByTagNameNS(EjbcaWs.NAMESPACE, "editUser").item(0);
    var arg0 = (org.w3c.dom.Element) body.getFirstChild();
    assertEquals("arg0", arg0.getLocalName());
    assertEquals(null, arg0.getNamespaceURI(), "parameters are unqualified");
    assertEquals("username", arg0.getFirstChild().getLocalName());
    assertEquals(null, arg0.getFirstChild().getNamespaceURI());
    String pkcs10 = fixture.server.requests.stream().filter(r -> r.contains("pkcs10Request")).findFirst().orElseThrow();
    assertTrue(pkcs10.contains("<arg4>CERTIFICATE</arg4>"), pkcs10);
  }

  @Test
  void mapsTheScepraProfileToAnEjbcaCertificateProfile() {
    fixture.set("end-entity-profile", DoubleProfiles.SCEP).set("certificate-profile.signature", "SCEP_SIGNATURE");
    EjbcaCaBackend backend = fixture.backend();

    issued(backend.issue(new IssueRequest(ALIAS, "tx-1", TestCsrs.csr("CN=dev1"), TestCsrs.profile("signature"))));
    issued(backend.issue(new IssueRequest(ALIAS, "tx-2", TestCsrs.csr("CN=dev2"), TestCsrs.profile("encryption"))));

    assertEquals("SCEP_SIGNATURE", fixture.ejbca.edits.get(0).certificateProfileName);
    assertEquals("ENDUSER", fixture.ejbca.edits.get(1).certificateProfileName);
  }

  /**
   * The certificate profile decides which keys EJBCA certifies (here RSA 2048-4096, P-256 and P-384): a key it
   * refuses is badAlg for the device, nothing is issued, and the device's next request with another key succeeds.
   */
  @Test
  void aKeyTheCertificateProfileRefusesIsBadAlgAndTheNextKeyMayPass() throws Exception {
    fixture.set("end-entity-profile", DoubleProfiles.SCEP).set("certificate-profile", "SCEP_DEVICE");
    EjbcaCaBackend backend = fixture.backend();

    List<KeyPair> refused = List.of(TestPki.keys("RSA", new RSAKeyGenParameterSpec(1024, RSAKeyGenParameterSpec.F4)),
        TestPki.keys("EC", new ECGenParameterSpec("secp521r1")), TestPki.keys("Ed25519", null));
    for (KeyPair key : refused) {
      IssueRequest request = TestCsrs.request(ALIAS, "tx-" + key.getPublic().getAlgorithm(),
          TestCsrs.csr(key, "CN=dev1"));
      assertEquals(FaultMapping.KEY, backend.issue(request), key.getPublic().toString());
    }
    assertTrue(fixture.ejbca.ca.issued.isEmpty(), "nothing issued for a refused key");

    issued(backend.issue(TestCsrs.request(ALIAS, "tx-rsa", TestCsrs.csr(TestPki.rsaKeys(), "CN=dev1"))));
    issued(backend.issue(TestCsrs.request(ALIAS, "tx-p384",
        TestCsrs.csr(TestPki.keys("EC", new ECGenParameterSpec("secp384r1")), "CN=dev1"))));
    assertEquals(2, fixture.ejbca.ca.issued.size());
  }


  @Test
  void namesTheEndEntityByCommonNameWithThePrefix() {
    fixture.set("username-prefix", "lab-");
    EjbcaCaBackend backend = fixture.backend();

    issued(backend.issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1,O=Probe")));
    IssueResult renewal = backend.issue(TestCsrs.request(ALIAS, "tx-2", "CN=dev1,O=Probe"));

    issued(renewal);
    assertEquals("lab-dev1", fixture.ejbca.edits.get(1).username);
    assertEquals(Enroller.NO_NAME, backend.issue(TestCsrs.request(ALIAS, "tx-3", "O=Probe")));
  }

  @Test
  void namesTheEndEntityByTransactionIdWhenConfigured() {
    fixture.set("username-from", "transaction-id");

    issued(fixture.backend().issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1")));

    assertEquals("scepra-tx-1", fixture.ejbca.edits.get(0).username);
  }

  @Test
  void refusesAltNamesEjbcaCannotTake() {
    IssueResult result = fixture.backend().issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1",
        new GeneralName(GeneralName.directoryName, new X500Name("CN=other"))));

    assertEquals(Reason.BAD_REQUEST, assertInstanceOf(IssueResult.Rejected.class, result).reason());
    assertTrue(fixture.ejbca.edits.isEmpty(), "nothing sent to EJBCA");
  }

  @Test
  void neverHandsTheDeviceACertificateForAnotherKey() {
    fixture.ejbca.certifiesAnotherKey = true;

    assertEquals(FaultMapping.NOT_COMPLETED, fixture.backend().issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1")));
  }

  static IssueResult.Issued issued(IssueResult result) {
    return assertInstanceOf(IssueResult.Issued.class, result, result::toString);
  }

  static X509Certificate certificate(IssueResult result) {
    return issued(result).certificate();
  }
}
