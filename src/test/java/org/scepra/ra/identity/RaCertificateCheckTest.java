package org.scepra.ra.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scepra.testkit.TestPki;

/** Which pairs of RA certificates clients can use and tell apart, whoever made them. */
class RaCertificateCheckTest {
  static final int DS = KeyUsage.digitalSignature;
  static final int KE = KeyUsage.keyEncipherment;
  static final int NR = KeyUsage.nonRepudiation;
  static KeyPair ca;
  static KeyPair signingKey;
  static KeyPair encryptionKey;

  @BeforeAll
  static void keys() {
    ca = TestPki.rsa(2048);
    signingKey = TestPki.rsa(2048);
    encryptionKey = TestPki.rsa(2048);
  }

  static Stream<Arguments> pairs() {
    return Stream.of(
        // signing key usage, encryption key usage (null: no keyUsage extension), the problem expected or null
        Arguments.of(DS, KE, null),
        Arguments.of(DS | NR, KE, null),
        Arguments.of(DS, KE | KeyUsage.dataEncipherment, null),
        // EJBCA's ENDUSER profile on both: what jscep could not use
        Arguments.of(DS | NR | KE, DS | NR | KE, "encryption certificate (CN=RA Encryption) also allows digitalSignature"),
        Arguments.of(DS | NR | KE, DS | NR | KE, "signing certificate (CN=RA Signing) also allows keyEncipherment"),
        Arguments.of(DS, DS | KE, "encryption certificate (CN=RA Encryption) also allows digitalSignature"),
        Arguments.of(DS | KE, KE, "signing certificate (CN=RA Signing) also allows keyEncipherment"),
        Arguments.of(null, KE, "signing certificate (CN=RA Signing) also allows keyEncipherment"),
        Arguments.of(DS, null, "encryption certificate (CN=RA Encryption) also allows digitalSignature"),
        Arguments.of(KE, KE, "signing certificate (CN=RA Signing) does not allow digitalSignature"),
        Arguments.of(DS, DS, "encryption certificate (CN=RA Encryption) does not allow keyEncipherment"),
        Arguments.of(DS, KeyUsage.keyAgreement, "encryption certificate (CN=RA Encryption) does not allow keyEncipherment"));
  }

  @ParameterizedTest(name = "signing {0}, encryption {1}: {2}")
  @MethodSource("pairs")
  void keyUsagesDecide(Integer signingUsage, Integer encryptionUsage, String problem) {
    RaIdentity identity = identity(signingUsage, encryptionUsage);

    RaCertificateCheck.Result result = RaCertificateCheck.check(identity);

    if (problem == null) {
      assertInstanceOf(RaCertificateCheck.Usable.class, result);
    } else {
      String text = assertInstanceOf(RaCertificateCheck.Unusable.class, result).describe();
      assertTrue(text.contains(problem), text);
    }
  }

  @Test
  void oneCertificateForBothRolesCannotBeConfused() {
    X509Certificate both = certificate("CN=RA", signingKey, DS | KE);

    assertInstanceOf(RaCertificateCheck.Usable.class,
        RaCertificateCheck.check(new RaIdentity(both, signingKey.getPrivate(), both, signingKey.getPrivate())));
  }

  @Test
  void aCaCertificateIsNoRaCertificate() {
    X509Certificate selfSignedCa = TestPki.certificate("CN=RA Signing", signingKey.getPublic(), "CN=RA Signing",
        signingKey.getPrivate(), DS, Duration.ofDays(1));
    RaIdentity identity = new RaIdentity(selfSignedCa, signingKey.getPrivate(),
        certificate("CN=RA Encryption", encryptionKey, KE), encryptionKey.getPrivate());

    String text = assertInstanceOf(RaCertificateCheck.Unusable.class, RaCertificateCheck.check(identity)).describe();

    assertEquals("the RA signing certificate (CN=RA Signing) is a CA certificate, which clients take for the issuing CA",
        text);
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsFound() {
    RaIdentity swapped = new RaIdentity(certificate("CN=RA Signing", signingKey, DS), encryptionKey.getPrivate(),
        certificate("CN=RA Encryption", encryptionKey, KE), encryptionKey.getPrivate());

    String text = assertInstanceOf(RaCertificateCheck.Unusable.class, RaCertificateCheck.check(swapped)).describe();

    assertEquals("the RA signing certificate (CN=RA Signing) does not belong to the RA signing key", text);
  }

  static RaIdentity identity(Integer signingUsage, Integer encryptionUsage) {
    return new RaIdentity(certificate("CN=RA Signing", signingKey, signingUsage), signingKey.getPrivate(),
        certificate("CN=RA Encryption", encryptionKey, encryptionUsage), encryptionKey.getPrivate());
  }

  static X509Certificate certificate(String subject, KeyPair key, Integer usage) {
    return TestPki.certificate(subject, key.getPublic(), "CN=Test CA", ca.getPrivate(), usage, Duration.ofDays(30));
  }
}
