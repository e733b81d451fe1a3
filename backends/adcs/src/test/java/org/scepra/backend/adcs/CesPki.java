package org.scepra.backend.adcs;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
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
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The AD CS double's PKI, as an enterprise PKI looks: a root CA, an issuing CA under it (the CA
 * CES fronts), CES's TLS certificate for 127.0.0.1 and the RA's TLS client certificate, both issued
 * by the issuing CA as AD CS would issue them from its Web Server and Computer templates.
 */
final class CesPki {

  private static final SecureRandom RANDOM = new SecureRandom();

  final KeyPair rootKeys = keys(2048);
  final X509Certificate root;
  final KeyPair issuingKeys = keys(2048);
  final X509Certificate issuing;
  final KeyPair tlsKeys = keys(2048);
  final X509Certificate tls;
  final KeyPair raClientKeys = keys(2048);
  final X509Certificate raClient;

  CesPki() {
    try {
      root = certificate(new X500Name("CN=Contoso Root CA,DC=contoso,DC=test"), rootKeys.getPublic(),
          new X500Name("CN=Contoso Root CA,DC=contoso,DC=test"), rootKeys.getPrivate(), null, true,
          KeyUsage.keyCertSign | KeyUsage.cRLSign, null, Duration.ofDays(3650));
      issuing = certificate(new X500Name("CN=Contoso Issuing CA,DC=contoso,DC=test"), issuingKeys.getPublic(),
          subject(root), rootKeys.getPrivate(), root, true, KeyUsage.keyCertSign | KeyUsage.cRLSign, null,
          Duration.ofDays(1825));
      tls = certificate(new X500Name("CN=127.0.0.1"), tlsKeys.getPublic(), subject(issuing), issuingKeys.getPrivate(),
          issuing, false, KeyUsage.digitalSignature | KeyUsage.keyEncipherment, KeyPurposeId.id_kp_serverAuth,
          Duration.ofDays(365));
      raClient = certificate(new X500Name("CN=scepra-ra.contoso.test"), raClientKeys.getPublic(), subject(issuing),
          issuingKeys.getPrivate(), issuing, false, KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth,
          Duration.ofDays(365));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The issuing CA first, the root last, as the backend keeps it. */
  List<X509Certificate> caChain() {
    return List.of(issuing, root);
  }

  /** A certificate the issuing CA signs for a device or the RA (templates decide the extensions). */
  X509Certificate issue(X500Name subject, PublicKey key, int keyUsage, List<KeyPurposeId> ekus, GeneralNames altNames)
      throws Exception {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject(issuing), serial(),
        Date.from(now.minusSeconds(600)), Date.from(now.plus(Duration.ofDays(365))), subject, key);
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuing));
    builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
    if (!ekus.isEmpty()) {
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ekus.toArray(KeyPurposeId[]::new)));
    }
    if (altNames != null) {
      builder.addExtension(Extension.subjectAlternativeName, false, altNames);
    }
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuingKeys.getPrivate())));
  }

  static KeyPair keys(int size) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(size);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void keyStore(Path file, char[] password, PrivateKey key, X509Certificate... chain) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("key", key, password, chain);
    write(store, file, password);
  }

  static void trustStore(Path file, char[] password, X509Certificate... trusted) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (int i = 0; i < trusted.length; i++) {
      store.setCertificateEntry("ca-" + i, trusted[i]);
    }
    write(store, file, password);
  }

  private static void write(KeyStore store, Path file, char[] password) throws Exception {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    }
  }

  private static X500Name subject(X509Certificate certificate) {
    return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM);
  }

  private static X509Certificate certificate(X500Name subject, PublicKey key, X500Name issuer, PrivateKey issuerKey,
      X509Certificate issuerCert, boolean ca, int keyUsage, KeyPurposeId eku, Duration validity) throws Exception {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
        Date.from(now.minusSeconds(3600)), Date.from(now.plus(validity)), subject, key);
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
    builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
    if (issuerCert != null) {
      builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerCert));
    }
    if (eku != null) {
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
    }
    if (!ca && subject.toString().equals("CN=127.0.0.1")) {
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    }
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
  }

  static Certificate[] chain(X509Certificate... certificates) {
    return certificates;
  }
}
