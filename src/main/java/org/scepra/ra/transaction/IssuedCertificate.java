package org.scepra.ra.transaction;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate issued through scepra, as recorded for GetCert, revocation and operators.
 *
 * @param issuerDn issuer DN (RFC 2253)
 * @param issuerFingerprint SHA-256 of the issuer name's DER encoding, hex: the look-up key with the serial
 * @param serialHex serial number, lower-case hex
 * @param der the certificate
 */
public record IssuedCertificate(
    String alias,
    String transactionId,
    String issuerDn,
    String issuerFingerprint,
    String serialHex,
    String subject,
    Instant notBefore,
    Instant notAfter,
    boolean revoked,
    Instant revokedAt,
    Integer revocationReason,
    byte[] der) {

  public IssuedCertificate {
    Objects.requireNonNull(serialHex, "serialHex");
    Objects.requireNonNull(issuerFingerprint, "issuerFingerprint");
    Objects.requireNonNull(der, "der");
  }

  public static IssuedCertificate of(String alias, String transactionId, X509Certificate certificate) {
    try {
      return new IssuedCertificate(alias, transactionId, certificate.getIssuerX500Principal().getName(),
          Fingerprints.sha256(certificate.getIssuerX500Principal().getEncoded()), serialHex(certificate),
          certificate.getSubjectX500Principal().getName(), certificate.getNotBefore().toInstant(),
          certificate.getNotAfter().toInstant(), false, null, null, certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("unencodable certificate", e);
    }
  }

  /** This certificate as revoked at {@code at} for CRLReason {@code reason}. */
  public IssuedCertificate revoked(Instant at, int reason) {
    return new IssuedCertificate(alias, transactionId, issuerDn, issuerFingerprint, serialHex, subject, notBefore,
        notAfter, true, at, reason, der);
  }

  public static String serialHex(X509Certificate certificate) {
    return serialHex(certificate.getSerialNumber());
  }

  /** Lower-case hex without leading zeros: the one form every source of a serial is reduced to. */
  public static String serialHex(BigInteger serial) {
    return serial.toString(16);
  }
}
