package org.scepra.testkit;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys and certificates for tests, made with BouncyCastle. */
public final class TestPki {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestPki() {}

  public static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An EC P-256 key pair (requesters that sign with ECDSA). */
  public static KeyPair ec() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** "withRSA" or "withECDSA", after a digest name, for the key's algorithm. */
  public static String signatureSuffix(java.security.PrivateKey key) {
    return "EC".equals(key.getAlgorithm()) ? "withECDSA" : "withRSA";
  }

  public static X509Certificate selfSigned(KeyPair keyPair, String dn) {
    return certificate(dn, keyPair.getPublic(), dn, keyPair.getPrivate(), null, Duration.ofDays(1));
  }

  /**
   * A certificate for {@code subjectKey}, signed by {@code issuerKey}.
   *
   * @param keyUsage KeyUsage bits, or null for none
   */
  public static X509Certificate certificate(String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey,
      Integer keyUsage, Duration validity) {
    return certificate(subject, subjectKey, issuer, issuerKey, keyUsage, Instant.now(), validity);
  }

  /** As above, valid from a minute before {@code now} (a test's clock). */
  public static X509Certificate certificate(String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey,
      Integer keyUsage, Instant now, Duration validity) {
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
          new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(now.minusSeconds(60)),
          Date.from(now.plus(validity)), new X500Name(subject), subjectKey);
      if (keyUsage != null) {
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      }
      if (subject.equals(issuer)) {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      }
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256" + signatureSuffix(issuerKey)).build(issuerKey)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A CA with two RA certificates, as scepra's RA identity looks. */
  public record RaFixture(KeyPair caKey, X509Certificate caCert, KeyPair signingKey, X509Certificate signingCert,
      KeyPair encryptionKey, X509Certificate encryptionCert) {

    public static RaFixture create() {
      KeyPair ca = rsa(2048);
      X509Certificate caCert = selfSigned(ca, "CN=Test CA");
      KeyPair signing = rsa(2048);
      KeyPair encryption = rsa(2048);
      return new RaFixture(ca, caCert, signing,
          certificate("CN=Test RA Signing", signing.getPublic(), "CN=Test CA", ca.getPrivate(),
              KeyUsage.digitalSignature, Duration.ofDays(30)),
          encryption,
          certificate("CN=Test RA Encryption", encryption.getPublic(), "CN=Test CA", ca.getPrivate(),
              KeyUsage.keyEncipherment, Duration.ofDays(30)));
    }
  }
}
