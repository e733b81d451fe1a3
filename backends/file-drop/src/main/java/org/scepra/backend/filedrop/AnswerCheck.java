package org.scepra.backend.filedrop;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Decides whether a certificate file from the CA answers a request: the RA must never hand a device
 * a certificate for another key or subject, or one its own CA did not sign.
 */
final class AnswerCheck {

  /**
   * The CA is another machine: a certificate it made a moment ago may start a little in the future
   * by our clock. Expiry is checked without leeway.
   */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private AnswerCheck() {}

  /** The outcome of a check. */
  sealed interface Verdict {}

  /** The answer is the certificate for the request. */
  record Valid(X509Certificate leaf) implements Verdict {}

  /** It is not; {@code problem} is for the log, never for the device. */
  record Mismatch(String problem) implements Verdict {}

  /**
   * @param content the answer file: PEM or DER, one certificate or several (the leaf is the one
   *     with the request's public key; the others are ignored)
   * @param issuer the configured issuing CA
   */
  static Verdict check(
      byte[] content, PKCS10CertificationRequest csr, X509Certificate issuer, Instant now) {
    List<X509Certificate> certificates;
    try {
      certificates = parse(content);
    } catch (CertificateException | RuntimeException e) {
      return new Mismatch("not a certificate in PEM or DER (" + e.getMessage() + ")");
    }
    // Compared as encoded in each, not as re-encoded by a key factory.
    SubjectPublicKeyInfo requestedKey = csr.getSubjectPublicKeyInfo();
    X509Certificate leaf = null;
    X509CertificateHolder holder = null;
    for (X509Certificate certificate : certificates) {
      X509CertificateHolder candidate = holder(certificate);
      if (candidate != null && requestedKey.equals(candidate.getSubjectPublicKeyInfo())) {
        leaf = certificate;
        holder = candidate;
        break;
      }
    }
    if (leaf == null) {
      return new Mismatch("no certificate in it has the request's public key");
    }
    // Subjects are requester text: the log says which check failed, the quarantined file the rest.
    if (!holder.getSubject().equals(csr.getSubject())) {
      return new Mismatch("its subject is not the request's");
    }
    if (!leaf.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return new Mismatch(
          "it was issued by "
              + leaf.getIssuerX500Principal()
              + ", not by the configured CA "
              + issuer.getSubjectX500Principal());
    }
    try {
      leaf.verify(issuer.getPublicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      return new Mismatch("its signature does not verify with the configured CA's key (" + e + ")");
    }
    if (leaf.getBasicConstraints() >= 0) {
      return new Mismatch("it is a CA certificate; a device must get an end-entity certificate");
    }
    if (now.plus(CLOCK_SKEW).isBefore(leaf.getNotBefore().toInstant())) {
      return new Mismatch("it is not valid before " + leaf.getNotBefore().toInstant());
    }
    if (now.isAfter(leaf.getNotAfter().toInstant())) {
      return new Mismatch("it expired on " + leaf.getNotAfter().toInstant());
    }
    return new Valid(leaf);
  }

  private static X509CertificateHolder holder(X509Certificate certificate) {
    try {
      return new JcaX509CertificateHolder(certificate);
    } catch (CertificateEncodingException e) {
      return null;
    }
  }

  /** The JDK reads PEM (one or more blocks, text around them skipped), DER and PKCS#7. */
  private static List<X509Certificate> parse(byte[] content) throws CertificateException {
    Collection<? extends Certificate> parsed =
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(content));
    List<X509Certificate> certificates = new ArrayList<>();
    for (Certificate certificate : parsed) {
      certificates.add((X509Certificate) certificate);
    }
    if (certificates.isEmpty()) {
      throw new CertificateException("no certificate found");
    }
    return certificates;
  }
}
