package org.scepra.ra.console;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A CA or RA certificate as operators check it: who, until when, and the thumbprints MDM profiles pin
 * (upper-case hex, as Windows shows them).
 */
public record CertificateView(String subject, String issuer, String serialHex, Instant notAfter, String sha1,
    String sha256) {

  public static CertificateView of(X509Certificate certificate) {
    return new CertificateView(certificate.getSubjectX500Principal().getName(),
        certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16),
        certificate.getNotAfter().toInstant(), thumbprint("SHA-1", certificate), thumbprint("SHA-256", certificate));
  }

  static String thumbprint(String algorithm, X509Certificate certificate) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm)
          .digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
