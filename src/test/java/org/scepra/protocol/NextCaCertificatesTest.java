package org.scepra.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JcaSignerId;
import org.junit.jupiter.api.Test;
import org.scepra.testkit.TestPki;

/** GetNextCACert's answer as RFC 8894 §4.7.1 describes it, and as jscep reads it. */
class NextCaCertificatesTest {

  private static final KeyPair CA_KEY = TestPki.rsa(2048);
  private static final X509Certificate CA = TestPki.selfSigned(CA_KEY, "CN=Current CA");
  private static final KeyPair RA_KEY = TestPki.rsa(2048);
  private static final X509Certificate RA =
      TestPki.certificate("CN=RA", RA_KEY.getPublic(), "CN=Current CA", CA_KEY.getPrivate(), 128,
          java.time.Duration.ofDays(1));
  private static final X509Certificate NEXT = TestPki.selfSigned(TestPki.rsa(2048), "CN=Next CA");

  @Test
  void isSignedByTheCurrentCaAndTheRaAroundADegenerateSignedDataOfTheNextCa() throws Exception {
    byte[] encoded = NextCaCertificates.encode(List.of(NEXT),
        List.of(signer(CA, CA_KEY), signer(RA, RA_KEY)));

    CMSSignedData signed = new CMSSignedData(encoded);
    assertEquals(CMSObjectIdentifiers.data.getId(), signed.getSignedContentTypeOID());
    for (X509Certificate signer : List.of(CA, RA)) {
      SignerInformation info = signed.getSignerInfos().get(new JcaSignerId(signer));
      assertNotNull(info, "no SignerInfo of " + signer.getSubjectX500Principal());
      assertTrue(info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signer)));
    }
    assertEquals(2, signed.getSignerInfos().size());

    CMSSignedData inner = new CMSSignedData((byte[]) signed.getSignedContent().getContent());
    assertEquals(0, inner.getSignerInfos().size(), "the content is certificates-only");
    assertEquals(List.of(new X509CertificateHolder(NEXT.getEncoded())), List.copyOf(inner.getCertificates().getMatches(null)));
    // jscep takes the next CA from the outer certificates: only the next CA's, never the signers'
    assertEquals(List.of(new X509CertificateHolder(NEXT.getEncoded())), List.copyOf(signed.getCertificates().getMatches(null)));
  }

  @Test
  void aSignatureByAnotherKeyDoesNotVerifyWithTheCaCertificate() throws Exception {
    byte[] encoded = NextCaCertificates.encode(List.of(NEXT), List.of(signer(CA, RA_KEY)));
    SignerInformation info = new CMSSignedData(encoded).getSignerInfos().get(new JcaSignerId(CA));
    boolean verified;
    try {
      verified = info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(CA));
    } catch (org.bouncycastle.cms.CMSException e) {
      verified = false;
    }
    assertTrue(!verified, "a signature by another key must not verify with the CA certificate");
  }

  @Test
  void needsCertificatesAndASigner() {
    assertThrows(IllegalArgumentException.class, () -> NextCaCertificates.encode(List.of(), List.of(signer(CA, CA_KEY))));
    assertThrows(IllegalArgumentException.class, () -> NextCaCertificates.encode(List.of(NEXT), List.of()));
  }

  private static ResponseSigner signer(X509Certificate certificate, KeyPair key) throws Exception {
    return new JcaResponseSigner(new X509CertificateHolder(certificate.getEncoded()), key.getPrivate());
  }
}
