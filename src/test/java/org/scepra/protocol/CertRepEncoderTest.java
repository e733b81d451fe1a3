package org.scepra.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.scepra.testkit.CertRepReader;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.ScepTestClient.Options;
import org.scepra.testkit.TestPki;
import org.scepra.testkit.TestPki.RaFixture;

class CertRepEncoderTest {
  static RaFixture ra;
  static KeyPair clientKey;
  static X509Certificate clientCert;
  static X509Certificate issued;

  @BeforeAll
  static void setUp() {
    ra = RaFixture.create();
    clientKey = TestPki.rsa(2048);
    clientCert = TestPki.selfSigned(clientKey, "CN=device-2");
    issued = TestPki.certificate("CN=device-2", clientKey.getPublic(), "CN=Test CA", ra.caKey().getPrivate(), null,
        java.time.Duration.ofDays(1));
  }

  static CertRepEncoder encoder(boolean legacy) throws Exception {
    return new CertRepEncoder(new JcaResponseSigner(new X509CertificateHolder(ra.signingCert().getEncoded()),
        ra.signingKey().getPrivate()), new AlgorithmPolicy(legacy));
  }

  static PkiRequest request(Options options, boolean legacy) throws Exception {
    byte[] message = ScepTestClient.pkiMessage(Csrs.csr(clientKey, "CN=device-2", "secret").getEncoded(),
        ra.encryptionCert(), clientKey, clientCert, options);
    return PkiMessageDecoderTest.decoderFor(ra, legacy).decode(message);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"2.16.840.1.101.3.4.1.2, SHA256, 2.16.840.1.101.3.4.2.1",
      "2.16.840.1.101.3.4.1.42, SHA512, 2.16.840.1.101.3.4.2.3",
      "1.2.840.113549.3.7, SHA1, 1.3.14.3.2.26",
      "1.3.14.3.2.7, SHA1, 1.3.14.3.2.26"})
  void successMirrorsTheRequestAndDeliversTheCertificates(String cipher, String digest, String digestOid)
      throws Exception {
    boolean legacy = cipher.equals(CMSAlgorithm.DES_CBC.getId());
    Options options = Options.defaults("tx-success").cipher(new org.bouncycastle.asn1.ASN1ObjectIdentifier(cipher))
        .digest(digest);
    PkiRequest request = request(options, legacy);
    byte[] encoded = encoder(legacy).success(request, DegenerateSignedData.ofCertificates(List.of(issued, ra.caCert())));

    CertRep rep = CertRepReader.read(encoded, clientKey.getPrivate());
    assertEquals("3", rep.messageType());
    assertEquals("0", rep.pkiStatus());
    assertEquals("tx-success", rep.transactionId());
    assertArrayEquals(options.senderNonce(), rep.recipientNonce());
    assertEquals(16, rep.senderNonce().length);
    assertFalse(java.util.Arrays.equals(options.senderNonce(), rep.senderNonce()), "senderNonce must be fresh");
    assertEquals(digestOid, rep.digestOid());
    assertEquals(cipher, rep.cipherOid());
    assertEquals(List.of(issued, ra.caCert()), rep.certificates(), "issued certificate first, then the chain");
    assertEquals(new X509CertificateHolder(ra.signingCert().getEncoded()), rep.signer());
    assertDefiniteLengthWithContentType(encoded);
  }

  @Test
  void failureCarriesFailInfoAndTextWithoutEnvelope() throws Exception {
    PkiRequest request = request(Options.defaults("tx-fail"), false);
    byte[] encoded = encoder(false).failure(request.header(), FailInfo.BAD_REQUEST, "the challenge password is wrong");
    CertRep rep = CertRepReader.read(encoded, clientKey.getPrivate());
    assertEquals("2", rep.pkiStatus());
    assertEquals("2", rep.failInfo());
    assertEquals("the challenge password is wrong", rep.failInfoText());
    assertEquals("tx-fail", rep.transactionId());
    assertNull(rep.cipherOid());
    assertDefiniteLengthWithContentType(encoded);
  }

  @Test
  void pendingHasNoFailInfo() throws Exception {
    PkiRequest request = request(Options.defaults("tx-pending"), false);
    CertRep rep = CertRepReader.read(encoder(false).pending(request.header()), clientKey.getPrivate());
    assertEquals("3", rep.pkiStatus());
    assertNull(rep.failInfo());
    assertArrayEquals(request.header().senderNonce().bytes(), rep.recipientNonce());
  }

  @Test
  void failureForARefusedDigestIsSignedWithSha256() throws Exception {
    byte[] message = ScepTestClient.pkiMessage(Csrs.csr(clientKey, "CN=device-2", "secret").getEncoded(),
        ra.encryptionCert(), clientKey, clientCert, Options.defaults("tx-md5").digest("MD5"));
    ScepFailureException failure = org.junit.jupiter.api.Assertions.assertThrows(ScepFailureException.class,
        () -> PkiMessageDecoderTest.decoderFor(ra, false).decode(message));
    CertRep rep = CertRepReader.read(encoder(false).failure(failure.header(), failure.failInfo(), failure.getMessage()),
        clientKey.getPrivate());
    assertEquals("0", rep.failInfo());
    assertEquals("2.16.840.1.101.3.4.2.1", rep.digestOid());
  }

  /** Go clients hash only the first chunk of a chunked string: output must be definite-length. */
  static void assertDefiniteLengthWithContentType(byte[] encoded) throws Exception {
    assertArrayEquals(ASN1Primitive.fromByteArray(encoded).getEncoded(ASN1Encoding.DL), encoded,
        "CertRep must be definite-length encoded");
    SignerInformation signer = new CMSSignedData(encoded).getSignerInfos().getSigners().iterator().next();
    assertNotNull(signer.getSignedAttributes().get(CMSAttributes.contentType), "content-type signed attribute");
    assertTrue(signer.getSignedAttributes().size() >= 6);
  }
}
