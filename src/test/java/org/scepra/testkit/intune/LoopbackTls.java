package org.scepra.testkit.intune;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.scepra.testkit.TestPki;

/**
 * A TLS server identity for 127.0.0.1, made once per test JVM, and a PKCS#12 truststore holding its certificate.
 * Once per JVM, not per double: a server under test that read the truststore of one double keeps trusting the next
 * (WildFly serves every IT class from one JVM, and scepra keeps the trust it read until redeployed).
 */
final class LoopbackTls {
  private static LoopbackTls instance;

  final SSLContext serverContext;
  final X509Certificate certificate;

  static synchronized LoopbackTls instance() throws Exception {
    if (instance == null) {
      instance = new LoopbackTls();
    }
    return instance;
  }

  private LoopbackTls() throws Exception {
    KeyPair key = TestPki.rsa(2048);
    X500Name name = new X500Name("CN=intune-double,O=scepra tests");
    var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
        Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(86_400)), name, key.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    certificate = new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("double", key.getPrivate(), new char[0], new Certificate[] {certificate});
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, new char[0]);
    serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keyManagers.getKeyManagers(), null, null);
  }

  /** Writes a truststore with only this certificate, as scepra's intune.truststore reads it. */
  void writeTruststore(Path file, String password) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("intune-double", certificate);
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      trust.store(out, password.toCharArray());
    }
  }
}
