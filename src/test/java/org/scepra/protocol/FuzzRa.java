package org.scepra.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.scepra.testkit.TestPki;

/**
 * The RA encryption key the fuzz seeds are encrypted to, fixed in {@code fuzz-ra.pem} beside this
 * class (a throwaway test key, not a secret) so that seeds reach decryption and CSR parsing in every
 * run. {@link FuzzSeedsWriter} creates it once.
 */
final class FuzzRa {
  static final String RESOURCE = "fuzz-ra.pem";

  record Identity(X509Certificate certificate, PrivateKey key) {}

  private static Identity identity;

  private FuzzRa() {}

  static synchronized Identity identity() {
    if (identity == null) {
      try (InputStream in = FuzzRa.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing: run FuzzSeedsWriter (see README, Fuzzing)");
        }
        identity = read(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return identity;
  }

  static PkiMessageDecoder decoder() {
    try {
      Identity ra = identity();
      return new PkiMessageDecoder(new AlgorithmPolicy(false), List.of(new RaDecryptionKey(
          new X509CertificateHolder(ra.certificate().getEncoded()), new JceKeyTransEnvelopedRecipient(ra.key()))));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new identity as PEM: the certificate, then the PKCS#8 key. */
  static String generate() throws IOException {
    KeyPair key = TestPki.rsa(2048);
    X509Certificate certificate = TestPki.certificate("CN=scepra fuzz RA encryption", key.getPublic(),
        "CN=scepra fuzz RA encryption", key.getPrivate(), org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment,
        java.time.Duration.ofDays(36500));
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(certificate);
      pem.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key.getPrivate(), null));
    }
    return text.toString();
  }

  static Identity read(InputStream in) throws IOException {
    try (PEMParser pem = new PEMParser(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      X509CertificateHolder certificate = (X509CertificateHolder) pem.readObject();
      PrivateKeyInfo key = (PrivateKeyInfo) pem.readObject();
      return new Identity(new JcaX509CertificateConverter().getCertificate(certificate),
          new JcaPEMKeyConverter().getPrivateKey(key));
    } catch (java.security.cert.CertificateException e) {
      throw new IOException(e);
    }
  }
}
