package org.scepra.ra.identity;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;
import org.scepra.protocol.JcaResponseSigner;
import org.scepra.protocol.RaDecryptionKey;
import org.scepra.protocol.RaRecipient;
import org.scepra.protocol.ResponseSigner;
import org.scepra.spi.CryptoProviders;

/**
 * An endpoint's RA identity, NDES-style: one certificate that signs CertReps (digitalSignature)
 * and one that clients encrypt to (keyEncipherment), each with its private key; after a renewal also the encryption
 * keys it replaced, which still open requests from clients that cached GetCACert, until their certificates expire.
 */
public record RaIdentity(
    X509Certificate signingCertificate,
    PrivateKey signingKey,
    X509Certificate encryptionCertificate,
    PrivateKey encryptionKey,
    List<Retired> retired) {

  /** An encryption key a renewal replaced; kept to decrypt until its certificate expires. */
  public record Retired(X509Certificate certificate, PrivateKey key) {
    public Retired {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(key, "key");
    }

    boolean validAt(Instant now) {
      return now.isBefore(certificate.getNotAfter().toInstant());
    }

    /** Never prints the key. */
    @Override
    public String toString() {
      return "Retired[" + certificate.getSubjectX500Principal() + ", until " + certificate.getNotAfter().toInstant()
          + "]";
    }
  }

  /** At most this many retired encryption keys are kept (clients cache GetCACert for days, not for years). */
  static final int MAX_RETIRED = 3;

  public RaIdentity {
    Objects.requireNonNull(signingCertificate, "signingCertificate");
    Objects.requireNonNull(signingKey, "signingKey");
    Objects.requireNonNull(encryptionCertificate, "encryptionCertificate");
    Objects.requireNonNull(encryptionKey, "encryptionKey");
    retired = List.copyOf(retired);
  }

  /** An identity that replaced none. */
  public RaIdentity(X509Certificate signingCertificate, PrivateKey signingKey, X509Certificate encryptionCertificate,
      PrivateKey encryptionKey) {
    this(signingCertificate, signingKey, encryptionCertificate, encryptionKey, List.of());
  }

  /**
   * {@code next} keeping this identity's encryption key (and those it kept) as retired, while their certificates are
   * valid at {@code now}; the newest first.
   */
  public RaIdentity succeededBy(RaIdentity next, Instant now) {
    List<Retired> kept = new ArrayList<>();
    if (!encryptionCertificate.equals(next.encryptionCertificate())) {
      kept.add(new Retired(encryptionCertificate, encryptionKey));
    }
    kept.addAll(retired);
    kept.addAll(next.retired());
    List<Retired> valid = kept.stream().filter(r -> r.validAt(now))
        .filter(r -> !r.certificate().equals(next.encryptionCertificate())).distinct().limit(MAX_RETIRED).toList();
    return new RaIdentity(next.signingCertificate(), next.signingKey(), next.encryptionCertificate(),
        next.encryptionKey(), valid);
  }

  /** GetCACert's RA part, in its documented order: encryption first, then signing. */
  public List<X509Certificate> certificates() {
    return List.of(encryptionCertificate, signingCertificate);
  }

  /** Signs CertReps through the provider chosen for the signing key. */
  public ResponseSigner responseSigner(CryptoProviders providers) {
    return new JcaResponseSigner(holder(signingCertificate), providers.keyFor(signingKey), providers.forKey(signingKey));
  }

  /** Opens requests' envelopes: the current encryption key, then the retired ones, each through its provider. */
  public List<RaDecryptionKey> decryptionKeys(CryptoProviders providers) {
    List<RaDecryptionKey> keys = new ArrayList<>();
    keys.add(new RaDecryptionKey(holder(encryptionCertificate),
        new RaRecipient(providers.keyFor(encryptionKey), providers.forKey(encryptionKey))));
    for (Retired old : retired) {
      keys.add(new RaDecryptionKey(holder(old.certificate()),
          new RaRecipient(providers.keyFor(old.key()), providers.forKey(old.key()))));
    }
    return List.copyOf(keys);
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
        + encryptionCertificate.getSubjectX500Principal() + ", until " + encryptionCertificate.getNotAfter().toInstant()
        + (retired.isEmpty() ? "" : ", retired encryption keys " + retired.size()) + "]";
  }
}
