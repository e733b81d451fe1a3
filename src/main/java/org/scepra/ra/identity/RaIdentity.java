package org.scepra.ra.identity;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.scepra.protocol.JcaResponseSigner;
import org.scepra.protocol.RaDecryptionKey;
import org.scepra.protocol.RaRecipient;
import org.scepra.protocol.ResponseSigner;
import org.scepra.spi.CryptoProviders;

/**
 * An endpoint's RA identity, NDES-style: one certificate that signs CertReps (digitalSignature)
 * and one that clients encrypt to (keyEncipherment), each with its private key.
 */
public record RaIdentity(
    X509Certificate signingCertificate,
    PrivateKey signingKey,
    X509Certificate encryptionCertificate,
    PrivateKey encryptionKey) {

  /** GetCACert's RA part, in its documented order: encryption first, then signing. */
  public List<X509Certificate> certificates() {
    return List.of(encryptionCertificate, signingCertificate);
  }

  /** Signs CertReps through the provider chosen for the signing key. */
  public ResponseSigner responseSigner(CryptoProviders providers) {
    return new JcaResponseSigner(holder(signingCertificate), signingKey, providers.forKey(signingKey));
  }

  /** Opens requests' envelopes through the provider chosen for the encryption key. */
  public List<RaDecryptionKey> decryptionKeys(CryptoProviders providers) {
    return List.of(new RaDecryptionKey(holder(encryptionCertificate),
        new RaRecipient(encryptionKey, providers.forKey(encryptionKey))));
  }

  private static X509CertificateHolder holder(X509Certificate certificate) {
    try {
      return new X509CertificateHolder(certificate.getEncoded());
    } catch (CertificateEncodingException | java.io.IOException e) {
      throw new IllegalStateException("unreadable RA certificate", e);
    }
  }

  @Override
  public String toString() {
    return "RaIdentity[signing=" + signingCertificate.getSubjectX500Principal() + ", encryption="
        + encryptionCertificate.getSubjectX500Principal() + "]";
  }
}
