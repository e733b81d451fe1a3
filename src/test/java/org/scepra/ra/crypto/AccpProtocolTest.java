package org.scepra.ra.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JceAsymmetricKeyWrapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scepra.protocol.AlgorithmPolicy;
import org.scepra.protocol.CertRepEncoder;
import org.scepra.protocol.FailInfo;
import org.scepra.protocol.JcaResponseSigner;
import org.scepra.protocol.MessageType;
import org.scepra.protocol.PkiMessage;
import org.scepra.protocol.PkiMessageDecoder;
import org.scepra.protocol.PkiRequest;
import org.scepra.protocol.RaDecryptionKey;
import org.scepra.protocol.RaRecipient;
import org.scepra.protocol.ScepFailureException;
import org.scepra.testkit.CertRepReader;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.ScepTestClient.Options;
import org.scepra.testkit.TestPki;
import org.scepra.testkit.TestPki.RaFixture;

/**
 * Every algorithm a request may use, opened and answered with the RA's keys through ACCP: what ACCP offers it does,
 * what it lacks (3DES, DES, MD5withRSA, SHA-224 digests) falls to the JVM's providers, and nothing fails either way.
 */
class AccpProtocolTest {
  static Provider accp;
  static RaFixture ra;
  static KeyPair clientKey;
  static X509Certificate clientCert;

  @BeforeAll
  static void setUp() {
    AccpStatus status = JvmWideAccp.get(() -> AccpLoader.forThisJvm().load());
    assumeTrue(status instanceof AccpStatus.Usable, () -> "ACCP unusable here: " + status);
    accp = ((AccpStatus.Usable) status).provider();
    ra = RaFixture.create();
    clientKey = TestPki.rsa(2048);
    clientCert = TestPki.selfSigned(clientKey, "CN=device-accp");
  }

  static Stream<Arguments> everyAcceptedAlgorithm() {
    return Stream.of(CMSAlgorithm.AES128_CBC, CMSAlgorithm.AES192_CBC, CMSAlgorithm.AES256_CBC,
            CMSAlgorithm.DES_EDE3_CBC, CMSAlgorithm.DES_CBC)
        .flatMap(cipher -> Stream.of("SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "MD5")
            .map(digest -> Arguments.of(cipher, digest)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyAcceptedAlgorithm")
  void opensAndAnswersEveryAcceptedAlgorithm(ASN1ObjectIdentifier cipher, String digest) throws Exception {
    Options options = Options.defaults("tx-accp-" + digest).cipher(cipher).digest(digest);
    byte[] message = ScepTestClient.pkiMessage(Csrs.csr(clientKey, "CN=device-accp", "secret").getEncoded(),
        ra.encryptionCert(), clientKey, clientCert, options);
    PkiRequest request = decoder(Optional.of(accp)).decode(message);
    assertEquals(cipher, request.contentEncryption());
    assertEquals("CN=device-accp", assertInstanceOf(PkiMessage.PkcsReq.class, request.message()).csr().getSubject()
        .toString());
    CertRep failure = CertRepReader.read(encoder(Optional.of(accp)).failure(request.header(), FailInfo.BAD_REQUEST, "test"),
        clientKey.getPrivate());
    assertEquals("2", failure.pkiStatus());
    assertEquals(request.header().digestAlgorithm().getAlgorithm().getId(), failure.digestOid());
  }

  @Test
  void opensOaepKeyTransportWithSha256() throws Exception {
    AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
    AlgorithmIdentifier oaep = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, new RSAESOAEPparams(sha256,
        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, sha256), RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM));
    CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
    generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(ra.encryptionCert(),
        new JceAsymmetricKeyWrapper(oaep, ra.encryptionCert().getPublicKey())));
    byte[] envelope = generator.generate(new CMSProcessableByteArray(
            Csrs.csr(clientKey, "CN=device-oaep", "secret").getEncoded()),
        new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).build()).getEncoded();
    byte[] message = ScepTestClient.sign(envelope, clientKey, clientCert, Options.defaults("tx-oaep"));
    PkiRequest request = decoder(Optional.of(accp)).decode(message);
    assertEquals("CN=device-oaep", assertInstanceOf(PkiMessage.PkcsReq.class, request.message()).csr().getSubject()
        .toString());
  }

  @Test
  void aPreferredProviderThatOffersTheAlgorithmIsTheOneUsed() throws Exception {
    byte[] message = ScepTestClient.pkiMessage(Csrs.csr(clientKey, "CN=device-routed", "secret").getEncoded(),
        ra.encryptionCert(), clientKey, clientCert, Options.defaults("tx-routed"));
    ScepFailureException e = assertThrows(ScepFailureException.class,
        () -> decoder(Optional.of(BrokenProvider.INSTANCE)).decode(message));
    assertEquals(FailInfo.BAD_MESSAGE_CHECK, e.failInfo());
    PkiRequest request = decoder(Optional.empty()).decode(message);
    assertThrows(IllegalStateException.class,
        () -> encoder(Optional.of(BrokenProvider.INSTANCE)).failure(request.header(), FailInfo.BAD_REQUEST, "test"));
    assertEquals(MessageType.CERT_REP.code() + "",
        CertRepReader.read(encoder(Optional.of(accp)).failure(request.header(), FailInfo.BAD_REQUEST, "t"), null).messageType());
  }

  @Test
  void keysAreHandedToAccpAsItsOwnCopyThatSignsAndDecryptsTheSame() throws Exception {
    ScepraCryptoProviders providers = new ScepraCryptoProviders(CryptoProviderSetting.ACCP,
        () -> new AccpStatus.Usable(accp));
    PrivateKey jdkKey = ra.signingKey().getPrivate();
    PrivateKey accpKey = providers.keyFor(jdkKey);
    assertNotSame(jdkKey, accpKey);
    assertEquals(accp.getClass().getPackage(), accpKey.getClass().getPackage(), "ACCP's own key object");
    assertEquals(Optional.of(accp), providers.forKey(accpKey), "still ACCP's to use");
    java.security.Signature signature = java.security.Signature.getInstance("SHA256withRSA", accp);
    signature.initSign(accpKey);
    signature.update(new byte[] {1, 2, 3});
    byte[] signed = signature.sign();
    java.security.Signature check = java.security.Signature.getInstance("SHA256withRSA");
    check.initVerify(ra.signingCert().getPublicKey());
    check.update(new byte[] {1, 2, 3});
    assertTrue(check.verify(signed));

    byte[] message = ScepTestClient.pkiMessage(Csrs.csr(clientKey, "CN=device-copy", "secret").getEncoded(),
        ra.encryptionCert(), clientKey, clientCert, Options.defaults("tx-copy"));
    PkiRequest request = new PkiMessageDecoder(new AlgorithmPolicy(true), List.of(new RaDecryptionKey(
        new X509CertificateHolder(ra.encryptionCert().getEncoded()),
        new RaRecipient(providers.keyFor(ra.encryptionKey().getPrivate()), Optional.of(accp))))).decode(message);
    assertEquals("CN=device-copy", assertInstanceOf(PkiMessage.PkcsReq.class, request.message()).csr().getSubject()
        .toString());
    PrivateKey jdkOnly = new ScepraCryptoProviders(CryptoProviderSetting.JDK, () -> {
      throw new AssertionError("jdk never asks for ACCP");
    }).keyFor(jdkKey);
    assertSame(jdkKey, jdkOnly);
  }

  static PkiMessageDecoder decoder(Optional<Provider> provider) throws Exception {
    return new PkiMessageDecoder(new AlgorithmPolicy(true), List.of(new RaDecryptionKey(
        new X509CertificateHolder(ra.encryptionCert().getEncoded()),
        new RaRecipient(ra.encryptionKey().getPrivate(), provider))));
  }

  static CertRepEncoder encoder(Optional<Provider> provider) throws Exception {
    return new CertRepEncoder(new JcaResponseSigner(new X509CertificateHolder(ra.signingCert().getEncoded()),
        ra.signingKey().getPrivate(), provider), new AlgorithmPolicy(true));
  }
}
