package org.scepra.backend.ejbca;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI made with BouncyCastle for each test run: a management CA that signs EJBCA's TLS
 * certificate, the RA's client certificate and the devices' certificates (as in the captures), and
 * a rogue CA the double does not trust. EC keys, because RSA key generation is slow.
 */
final class TestPki {

  static final String CA_DN = "CN=ManagementCA,O=Probe";
  private static final SecureRandom RANDOM = new SecureRandom();

  final Issuer ca;
  final Issuer rogueCa = Issuer.selfSigned("CN=Rogue CA,O=Elsewhere");
  final KeyPair serverKeys = ecKeys();
  final X509Certificate serverCert;
  final KeyPair raKeys = ecKeys();
  final X509Certificate raCert;
  final KeyPair rogueKeys = ecKeys();
  final X509Certificate rogueCert =
      rogueCa.issue(new X500Name("CN=scepra RA,O=Probe"), rogueKeys.getPublic(), null, false);

  /** With an EC management CA: quick to make, for the unit tests. */
  TestPki() {
    this(false);
  }

  /**
   * @param rsaCa whether the management CA has an RSA 2048 key and signs with SHA256withRSA, as EJBCA's (see the
   *     capture getLastCAChain.xml): jscep, for one, cannot tell whether an RSA certificate an EC CA signed is
   *     self-signed
   */
  TestPki(boolean rsaCa) {
    ca = rsaCa ? Issuer.selfSigned(CA_DN, rsaKeys()) : Issuer.selfSigned(CA_DN);
    serverCert = ca.issue(new X500Name("CN=127.0.0.1,O=Probe"), serverKeys.getPublic(),
        new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}),
        false);
    raCert = ca.issue(new X500Name("CN=scepra RA,O=Probe"), raKeys.getPublic(), null, false);
  }

  /** A CA key and certificate. */
  record Issuer(KeyPair keys, X509Certificate certificate) {

    static Issuer selfSigned(String dn) {
      return selfSigned(dn, ecKeys());
    }

    static Issuer selfSigned(String dn, KeyPair keys) {
      X500Name name = new X500Name(dn);
      return new Issuer(keys, sign(name, keys.getPrivate(), name, keys.getPublic(), null, true, serial(),
          defaultKeyUsage(true), List.of()));
    }

    X509Certificate issue(X500Name subject, PublicKey key, GeneralNames san, boolean isCa) {
      return issue(subject, key, san, isCa, serial());
    }

    X509Certificate issue(X500Name subject, PublicKey key, GeneralNames san, boolean isCa, BigInteger serial) {
      X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
      return sign(issuer, keys.getPrivate(), subject, key, san, isCa, serial, defaultKeyUsage(isCa), List.of());
    }

    /** An end-entity certificate with the given keyUsage bits and extended key usages (none: no extension). */
    X509Certificate issue(X500Name subject, PublicKey key, GeneralNames san, int keyUsage, List<KeyPurposeId> ekus) {
      X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
      return sign(issuer, keys.getPrivate(), subject, key, san, false, serial(), keyUsage, ekus);
    }
  }

  /** A fresh key pair of any algorithm the JDK generates; {@code spec} null for the algorithm's defaults. */
  static KeyPair keys(String algorithm, AlgorithmParameterSpec spec) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (spec != null) {
        generator.initialize(spec);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair rsaKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA256withECDSA, SHA256withRSA or Ed25519, for the signer's key. */
  static String signatureAlgorithm(PrivateKey signer) {
    return switch (signer.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "EdDSA", "Ed25519" -> "Ed25519";
      default -> "SHA256withRSA";
    };
  }

  static KeyPair ecKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static BigInteger serial() {
    return new BigInteger(127, RANDOM);
  }

  private static X509Certificate sign(
      X500Name issuer, PrivateKey signer, X500Name subject, PublicKey key, GeneralNames san, boolean isCa,
      BigInteger serial, int keyUsage, List<KeyPurposeId> ekus) {
    try {
      Instant now = Instant.now();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer, serial, Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(30))),
              subject, key);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      if (!ekus.isEmpty()) {
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ekus.toArray(KeyPurposeId[]::new)));
      }
      if (san != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, san);
      }
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signer)).build(signer)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int defaultKeyUsage(boolean isCa) {
    return isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign
        : KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement;
  }

  static Path keyStore(Path file, char[] password, PrivateKey key, X509Certificate... chain) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("key", key, password, chain);
    return write(store, file, password);
  }

  static Path trustStore(Path file, char[] password, X509Certificate... trusted) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (int i = 0; i < trusted.length; i++) {
      store.setCertificateEntry("trusted-" + i, trusted[i]);
    }
    return write(store, file, password);
  }

  private static Path write(KeyStore store, Path file, char[] password) throws Exception {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    }
    return file;
  }
}
