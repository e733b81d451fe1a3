package org.scepra.backend.internalca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SignatureException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.IssueResult;
import org.scepra.spi.IssueResult.Reason;

/** What an issued certificate contains, and which requests are refused. */
class CertificateIssuerTest {

  private static final CertificateIssuer issuer = TestCa.issuer();

  @Test
  void issuedCertificateChainsToTheCa() throws Exception {
    X509Certificate cert = TestCa.issue(issuer, TestCsrs.csr("CN=device-1,O=Example"));
    cert.verify(TestCa.CA.certificate().getPublicKey());
    assertEquals(TestCa.CA.certificate().getSubjectX500Principal(), cert.getIssuerX500Principal());

    PKIXParameters params =
        new PKIXParameters(Set.of(new TrustAnchor(TestCa.CA.certificate(), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);

    Extensions caExtensions = new JcaX509CertificateHolder(TestCa.CA.certificate()).getExtensions();
    Extensions extensions = new JcaX509CertificateHolder(cert).getExtensions();
    assertArrayEquals(
        SubjectKeyIdentifier.fromExtensions(caExtensions).getKeyIdentifier(),
        AuthorityKeyIdentifier.fromExtensions(extensions).getKeyIdentifier());
    assertArrayEquals(
        new JcaX509ExtensionUtils()
            .createSubjectKeyIdentifier(cert.getPublicKey())
            .getKeyIdentifier(),
        SubjectKeyIdentifier.fromExtensions(extensions).getKeyIdentifier());
  }

  @Test
  void carriesTheRequestedKeySubjectAndAltNames() throws Exception {
    X509Certificate cert =
        TestCa.issue(issuer, TestCsrs.csr("CN=device-1,O=Example", TestCsrs.dnsMailIp()));
    assertArrayEquals(TestCsrs.KEY.getPublic().getEncoded(), cert.getPublicKey().getEncoded());
    assertEquals("CN=device-1,O=Example", cert.getSubjectX500Principal().getName());
    assertEquals(
        Set.of(
            List.of(2, "device.example.com"),
            List.of(1, "ops@example.com"),
            List.of(7, "192.0.2.7")),
        new HashSet<>(cert.getSubjectAlternativeNames()));
    assertFalse(cert.getCriticalExtensionOIDs().contains("2.5.29.17"), "SAN non-critical");
  }

  /**
   * The start-up rehearsal builds what an issuance builds (issuer, key, subject, extensions) but the CA's key signs
   * nothing: the result does not verify against the CA.
   */
  @Test
  void aRehearsalIsSignedByAThrowawayKeyNotTheCas() throws Exception {
    PKCS10CertificationRequest csr = TestCsrs.csr("CN=device-1,O=Example", TestCsrs.dnsMailIp());
    X509Certificate real = TestCa.issue(issuer, csr);

    X509Certificate rehearsed = TestCa.issued(issuer.rehearse(csr, TestCsrs.PROFILE));

    assertThrows(SignatureException.class, () -> rehearsed.verify(TestCa.CA.certificate().getPublicKey()));
    assertEquals(real.getIssuerX500Principal(), rehearsed.getIssuerX500Principal());
    assertEquals(real.getSubjectX500Principal(), rehearsed.getSubjectX500Principal());
    assertEquals(real.getPublicKey(), rehearsed.getPublicKey());
    assertEquals(real.getSigAlgName(), rehearsed.getSigAlgName());
    assertEquals(real.getNonCriticalExtensionOIDs(), rehearsed.getNonCriticalExtensionOIDs());
    assertEquals(real.getCriticalExtensionOIDs(), rehearsed.getCriticalExtensionOIDs());
  }

  /** Intune's strong-mapping SAN (KB5014754), with its comma, goes into the certificate unchanged. */
  @Test
  void carriesIntunesStrongMappingSidUrl() throws Exception {
    String sid = "tag:microsoft.com,2022-09-14:sid:S-1-5-21-1004336348-1177238915-682003330-1001";
    X509Certificate cert = TestCa.issue(issuer, TestCsrs.csr("CN=device-1",
        new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(
            org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier, sid))));
    assertEquals(Set.of(List.of(6, sid)), new HashSet<>(cert.getSubjectAlternativeNames()));
  }

  @Test
  void appliesTheProfile() throws Exception {
    X509Certificate cert = TestCa.issue(issuer, TestCsrs.csr("CN=device-1"));
    boolean[] keyUsage = cert.getKeyUsage();
    assertTrue(keyUsage[0] && keyUsage[2], "digitalSignature and keyEncipherment");
    assertFalse(keyUsage[1] || keyUsage[3] || keyUsage[4] || keyUsage[5] || keyUsage[6]);
    assertTrue(cert.getCriticalExtensionOIDs().contains("2.5.29.15"), "keyUsage critical");
    assertEquals(List.of(TestCsrs.CLIENT_AUTH, TestCsrs.SERVER_AUTH), cert.getExtendedKeyUsage());
    assertEquals(-1, cert.getBasicConstraints(), "CA:false");
    assertTrue(cert.getExtensionValue("2.5.29.19") != null, "basicConstraints present");
    assertNull(cert.getSubjectAlternativeNames());
  }

  @Test
  void omitsEmptyExtendedKeyUsage() throws Exception {
    CertificateProfile noEku =
        new CertificateProfile(
            "signature",
            Set.of(CertificateProfile.KeyUsage.DIGITAL_SIGNATURE),
            List.of(),
            Duration.ofDays(30));
    X509Certificate cert = TestCa.issued(issuer.issue(TestCsrs.csr("CN=device-1"), noEku));
    assertNull(cert.getExtendedKeyUsage());
    assertTrue(cert.getKeyUsage()[0]);
  }

  @Test
  void emptySubjectMakesAltNamesCritical() throws Exception {
    X509Certificate cert = TestCa.issue(issuer, TestCsrs.csr("", TestCsrs.dnsMailIp()));
    assertEquals("", cert.getSubjectX500Principal().getName());
    assertTrue(cert.getCriticalExtensionOIDs().contains("2.5.29.17"));
  }

  @Test
  void emptySubjectWithoutAltNamesIsRejected() throws Exception {
    IssueResult result = issuer.issue(TestCsrs.csr(""), TestCsrs.PROFILE);
    assertEquals(Reason.BAD_REQUEST, assertInstanceOf(IssueResult.Rejected.class, result).reason());
  }

  @Test
  void unreadablePublicKeyIsABadRequest() throws Exception {
    PKCS10CertificationRequest csr =
        TestCsrs.csrWithKey(PKCSObjectIdentifiers.rsaEncryption, new byte[] {1, 2, 3});
    IssueResult result = issuer.issue(csr, TestCsrs.PROFILE);
    assertEquals(Reason.BAD_REQUEST, assertInstanceOf(IssueResult.Rejected.class, result).reason());
  }

  @Test
  void unknownKeyAlgorithmIsABadAlgorithm() throws Exception {
    PKCS10CertificationRequest csr =
        TestCsrs.csrWithKey(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), new byte[] {1, 2, 3});
    IssueResult result = issuer.issue(csr, TestCsrs.PROFILE);
    assertEquals(
        Reason.BAD_ALGORITHM, assertInstanceOf(IssueResult.Rejected.class, result).reason());
  }

}
