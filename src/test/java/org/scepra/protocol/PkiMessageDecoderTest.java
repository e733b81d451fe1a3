package org.scepra.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.ScepTestClient.Options;
import org.scepra.testkit.TestPki;
import org.scepra.testkit.TestPki.RaFixture;

class PkiMessageDecoderTest {
  static RaFixture ra;
  static KeyPair clientKey;
  static X509Certificate clientCert;

  @BeforeAll
  static void setUp() {
    ra = RaFixture.create();
    clientKey = TestPki.rsa(2048);
    clientCert = TestPki.selfSigned(clientKey, "CN=device-1");
  }

  static PkiMessageDecoder decoder(boolean legacy) throws Exception {
    return decoderFor(ra, legacy);
  }

  static PkiMessageDecoder decoderFor(RaFixture ra, boolean legacy) throws Exception {
    return new PkiMessageDecoder(new AlgorithmPolicy(legacy), List.of(new RaDecryptionKey(
        new X509CertificateHolder(ra.encryptionCert().getEncoded()),
        new JceKeyTransEnvelopedRecipient(ra.encryptionKey().getPrivate()))));
  }

  static byte[] pkcsReq(Options options) throws Exception {
    PKCS10CertificationRequest csr = Csrs.csr(clientKey, "CN=device-1", "secret");
    return ScepTestClient.pkiMessage(csr.getEncoded(), ra.encryptionCert(), clientKey, clientCert, options);
  }

  static Stream<Arguments> modernAlgorithms() {
    return Stream.of(CMSAlgorithm.AES128_CBC, CMSAlgorithm.AES192_CBC, CMSAlgorithm.AES256_CBC, CMSAlgorithm.DES_EDE3_CBC)
        .flatMap(cipher -> Stream.of("SHA1", "SHA256", "SHA512")
            .flatMap(digest -> Stream.of(false, true).map(chunked -> Arguments.of(cipher, digest, chunked))));
  }

  @ParameterizedTest(name = "{0} {1} chunked={2}")
  @MethodSource("modernAlgorithms")
  void decodesPkcsReqWithEveryModernAlgorithmAndEncoding(ASN1ObjectIdentifier cipher, String digest, boolean chunked)
      throws Exception {
    Options options = Options.defaults("tx-" + digest).cipher(cipher).digest(digest);
    byte[] message = pkcsReq(chunked ? options.chunked() : options);
    if (chunked) {
      assertEquals((byte) 0x80, message[1], "test must really send an indefinite-length BER message");
    }
    PkiRequest request = decoder(false).decode(message);
    assertEquals(MessageType.PKCS_REQ, request.header().messageType().orElseThrow());
    assertEquals("tx-" + digest, request.transactionId().value());
    assertArrayEquals(options.senderNonce(), request.header().senderNonce().bytes());
    assertEquals(cipher, request.contentEncryption());
    PkiMessage.PkcsReq pkcsReq = assertInstanceOf(PkiMessage.PkcsReq.class, request.message());
    assertEquals("CN=device-1", pkcsReq.csr().getSubject().toString());
    assertEquals(new X509CertificateHolder(clientCert.getEncoded()), request.header().signerCertificate().orElseThrow());
  }

  @Test
  void singleDesIsBadAlgUnlessLegacyIsOn() throws Exception {
    byte[] message = pkcsReq(Options.defaults("tx-des").cipher(CMSAlgorithm.DES_CBC).digest("SHA1"));
    ScepFailureException failure = assertThrows(ScepFailureException.class, () -> decoder(false).decode(message));
    assertEquals(FailInfo.BAD_ALG, failure.failInfo());
    assertEquals("tx-des", failure.header().transactionId().value());
    assertEquals(CMSAlgorithm.DES_CBC, decoder(true).decode(message).contentEncryption());
  }

  @Test
  void md5IsBadAlgUnlessLegacyIsOn() throws Exception {
    byte[] message = pkcsReq(Options.defaults("tx-md5").digest("MD5"));
    assertEquals(FailInfo.BAD_ALG,
        assertThrows(ScepFailureException.class, () -> decoder(false).decode(message)).failInfo());
    assertInstanceOf(PkiMessage.PkcsReq.class, decoder(true).decode(message).message());
  }

  @Test
  void rc2IsBadAlgEvenWithLegacy() throws Exception {
    byte[] message = pkcsReq(Options.defaults("tx-rc2").cipher(CMSAlgorithm.RC2_CBC));
    assertEquals(FailInfo.BAD_ALG,
        assertThrows(ScepFailureException.class, () -> decoder(true).decode(message)).failInfo());
  }

  @Test
  void tamperedSignatureIsBadMessageCheck() throws Exception {
    byte[] message = pkcsReq(Options.defaults("tx-tamper"));
    message[message.length - 5] ^= 0x01; // inside the RSA signature, the last element
    ScepFailureException failure = assertThrows(ScepFailureException.class, () -> decoder(false).decode(message));
    assertEquals(FailInfo.BAD_MESSAGE_CHECK, failure.failInfo());
  }

  @Test
  void envelopeForAnotherRecipientIsBadMessageCheck() throws Exception {
    KeyPair otherKey = TestPki.rsa(2048);
    X509Certificate other = TestPki.selfSigned(otherKey, "CN=Other RA");
    byte[] message = ScepTestClient.pkiMessage(Csrs.csr(clientKey, "CN=device-1", "secret").getEncoded(), other,
        clientKey, clientCert, Options.defaults("tx-other"));
    ScepFailureException failure = assertThrows(ScepFailureException.class, () -> decoder(false).decode(message));
    assertEquals(FailInfo.BAD_MESSAGE_CHECK, failure.failInfo());
    assertTrue(failure.getMessage().contains("not encrypted to this RA"));
  }

  @Test
  void csrWithBrokenSelfSignatureIsBadMessageCheck() throws Exception {
    byte[] csr = Csrs.csr(clientKey, "CN=device-1", "secret").getEncoded();
    csr[csr.length - 3] ^= 0x01;
    byte[] message = ScepTestClient.pkiMessage(csr, ra.encryptionCert(), clientKey, clientCert, Options.defaults("tx-pop"));
    ScepFailureException failure = assertThrows(ScepFailureException.class, () -> decoder(false).decode(message));
    assertEquals(FailInfo.BAD_MESSAGE_CHECK, failure.failInfo());
  }

  @Test
  void contentThatIsNotACsrIsBadRequest() throws Exception {
    byte[] message = ScepTestClient.pkiMessage(new byte[] {0x30, 0x03, 0x02, 0x01, 0x05}, ra.encryptionCert(),
        clientKey, clientCert, Options.defaults("tx-notcsr"));
    assertEquals(FailInfo.BAD_REQUEST,
        assertThrows(ScepFailureException.class, () -> decoder(false).decode(message)).failInfo());
  }

  @Test
  void unencryptedContentIsBadMessageCheck() throws Exception {
    byte[] csr = Csrs.csr(clientKey, "CN=device-1", "secret").getEncoded();
    byte[] message = ScepTestClient.sign(csr, clientKey, clientCert, Options.defaults("tx-plain"));
    assertEquals(FailInfo.BAD_MESSAGE_CHECK,
        assertThrows(ScepFailureException.class, () -> decoder(false).decode(message)).failInfo());
  }

  @Test
  void unknownMessageTypeIsBadRequest() throws Exception {
    byte[] message = pkcsReq(Options.defaults("tx-type").messageType("99"));
    ScepFailureException failure = assertThrows(ScepFailureException.class, () -> decoder(false).decode(message));
    assertEquals(FailInfo.BAD_REQUEST, failure.failInfo());
  }

  @Test
  void withoutTransactionIdOrNonceThereIsNothingToAnswer() throws Exception {
    assertThrows(MalformedMessageException.class,
        () -> decoder(false).decode(pkcsReq(new Options(CMSAlgorithm.AES128_CBC, "SHA256", false, new byte[16], null, "19"))));
    assertThrows(MalformedMessageException.class,
        () -> decoder(false).decode(pkcsReq(new Options(CMSAlgorithm.AES128_CBC, "SHA256", false, null, "tx", "19"))));
  }

  @Test
  void garbageIsMalformed() throws Exception {
    PkiMessageDecoder decoder = decoder(false);
    assertThrows(MalformedMessageException.class, () -> decoder.decode(new byte[0]));
    assertThrows(MalformedMessageException.class, () -> decoder.decode("hello".getBytes()));
    byte[] truncated = java.util.Arrays.copyOf(pkcsReq(Options.defaults("tx-trunc")), 300);
    assertThrows(MalformedMessageException.class, () -> decoder.decode(truncated));
  }

  @Test
  void signerCertificateWithCriticalAuthorityKeyIdentifierIsAccepted() throws Exception {
    X509Certificate windowsStyle = WindowsStyleCertificate.withCriticalAki(clientKey, "CN=windows-device");
    byte[] message = ScepTestClient.pkiMessage(Csrs.csr(clientKey, "CN=windows-device", "secret").getEncoded(),
        ra.encryptionCert(), clientKey, windowsStyle, Options.defaults("tx-win"));
    assertInstanceOf(PkiMessage.PkcsReq.class, decoder(false).decode(message).message());
  }
}
