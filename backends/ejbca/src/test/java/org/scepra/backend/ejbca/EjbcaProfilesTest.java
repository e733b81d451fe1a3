package org.scepra.backend.ejbca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scepra.backend.ejbca.EjbcaIssueTest.certificate;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.IssueRequest;

/**
 * What EJBCA's profiles decide, which the RA cannot: key usages come from the certificate profile, not from the
 * request (unless the profile allows key usage override), and the end entity profile limits the fields.
 */
class EjbcaProfilesTest {
  static final String ALIAS = EjbcaFixture.ALIAS;
  static final CertificateProfile RA_SIGNING = new CertificateProfile("ra-signing",
      Set.of(CertificateProfile.KeyUsage.DIGITAL_SIGNATURE), List.of(), Duration.ofDays(730));

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
  void endUserGivesEveryCertificateItsKeyUsagesWhateverTheRequestAsks() {
    X509Certificate issued = certificate(fixture.backend().issue(raSigningRequest()));

    assertEquals(List.of(true, true, true, false, false), usages(issued), "ENDUSER: digitalSignature, "
        + "nonRepudiation, keyEncipherment, though the request asked for digitalSignature only");
  }

  @Test
  void aProfileOfItsOwnGivesTheRaSigningCertificateOneKeyUsage() {
    fixture.set("end-entity-profile", DoubleProfiles.SCEP).set("certificate-profile.ra-signing", "SCEP_RA_SIGNING");

    X509Certificate issued = certificate(fixture.backend().issue(raSigningRequest()));

    assertEquals(List.of(true, false, false, false, false), usages(issued));
  }

  @Test
  void keyUsageOverrideTakesTheRequestsKeyUsage() {
    fixture.set("end-entity-profile", DoubleProfiles.SCEP).set("certificate-profile.ra-signing", "SCEP_RA_OVERRIDE");

    X509Certificate issued = certificate(fixture.backend().issue(raSigningRequest()));

    assertEquals(List.of(true, false, false, false, false), usages(issued));
  }

  @Test
  void theProfileMappingNamesTheProfileAndTheKey() {
    EjbcaCaBackend backend = fixture.set("certificate-profile.ra-encryption", "SCEP_RA_ENCRYPTION").backend();

    assertEquals("the EJBCA certificate profile ENDUSER (scepra.endpoint.lab.ejbca.certificate-profile, as "
        + "scepra.endpoint.lab.ejbca.certificate-profile.ra-signing is unset; map that to a profile of its own)",
        backend.settingFor(ALIAS, "ra-signing"));
    assertEquals("the EJBCA certificate profile SCEP_RA_ENCRYPTION "
        + "(scepra.endpoint.lab.ejbca.certificate-profile.ra-encryption)", backend.settingFor(ALIAS, "ra-encryption"));
  }

  @Test
  void theEmptyEndEntityProfileTakesTwoDnsNamesNotThree() {
    EjbcaCaBackend backend = fixture.backend();
    GeneralName one = new GeneralName(GeneralName.dNSName, "one.example.test");
    GeneralName two = new GeneralName(GeneralName.dNSName, "two.example.test");
    GeneralName three = new GeneralName(GeneralName.dNSName, "three.example.test");

    certificate(backend.issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1", one, two)));

    assertEquals(FaultMapping.POLICY, backend.issue(TestCsrs.request(ALIAS, "tx-2", "CN=dev2", one, two, three)));
  }

  @Test
  void anEndEntityProfileWithoutTheFieldRefusesIt() {
    EjbcaCaBackend backend = fixture.set("end-entity-profile", "SCEP_DEVICES").backend();

    certificate(backend.issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1,O=Probe")));

    assertEquals(FaultMapping.POLICY, backend.issue(TestCsrs.request(ALIAS, "tx-2", "CN=dev2,OU=Lab")));
  }

  /**
   * EJBCA's EMPTY end entity profile offers only ENDUSER, OCSPSIGNER and SERVER: a certificate profile of one's own
   * must be added to the end entity profile, or every request with it is refused (and nothing is issued).
   */
  @Test
  void aCertificateProfileTheEndEntityProfileDoesNotOfferIsRefused() {
    EjbcaCaBackend backend = fixture.set("certificate-profile.ra-signing", "SCEP_RA_SIGNING").backend();

    assertEquals(FaultMapping.POLICY, backend.issue(raSigningRequest()));
    assertTrue(fixture.ejbca.ca.issued.isEmpty());
    assertTrue(fixture.ejbca.users.isEmpty(), "no end entity stored");
  }

  /** A field that is not modifiable takes only the profile's values (SCEP_DEVICES: O is Probe or scepra). */
  @Test
  void aFixedFieldTakesOnlyTheProfilesValues() {
    EjbcaCaBackend backend = fixture.set("end-entity-profile", "SCEP_DEVICES").backend();

    certificate(backend.issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1,O=Probe")));

    assertEquals(FaultMapping.POLICY, backend.issue(TestCsrs.request(ALIAS, "tx-2", "CN=dev2,O=Mallory")));
    assertEquals(1, fixture.ejbca.ca.issued.size());
  }

  @Test
  void aSubjectWithoutTheRequiredCommonNameIsRefused() {
    EjbcaCaBackend backend = fixture.set("username-from", "transaction-id").backend();

    assertEquals(FaultMapping.POLICY, backend.issue(TestCsrs.request(ALIAS, "tx-1", "O=Probe")));
  }

  /** What the RA sends for its signing certificate: a CSR asking for digitalSignature only. */
  private static IssueRequest raSigningRequest() {
    try {
      KeyPair keys = TestPki.ecKeys();
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
          new X500Name("CN=scepra RA Signing (lab),O=scepra"), keys.getPublic())
          .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
      return new IssueRequest(ALIAS, "ra-bootstrap-lab-ra-signing", csr, RA_SIGNING);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement. */
  private static List<Boolean> usages(X509Certificate certificate) {
    boolean[] usage = certificate.getKeyUsage();
    return List.of(usage[0], usage[1], usage[2], usage[3], usage[4]);
  }
}
