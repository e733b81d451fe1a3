package org.scepra.backend.internalca;

import java.time.Duration;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * How the internal CA is created and how it signs. Subject, key size and CA validity only matter
 * when the CA is first created; an existing keystore is reused as it is.
 *
 * @param subject the CA's distinguished name, RFC 2253 syntax (e.g. {@code CN=x,O=y})
 * @param keySize RSA modulus size in bits for a new CA key
 * @param validityDays lifetime of a new CA certificate
 * @param signatureAlgorithm JCA signature algorithm used for the CA and for issued certificates
 * @param backdate how far notBefore is set into the past, to tolerate clients with a slow clock
 */
public record CaSettings(
    String subject, int keySize, int validityDays, String signatureAlgorithm, Duration backdate) {

  public static final String DEFAULT_SUBJECT = "CN=scepra Internal CA,O=scepra";
  public static final int DEFAULT_KEY_SIZE = 3072;
  public static final int DEFAULT_VALIDITY_DAYS = 3650;
  public static final String DEFAULT_SIGNATURE_ALGORITHM = "SHA256withRSA";
  public static final Duration DEFAULT_BACKDATE = Duration.ofMinutes(5);

  /** Smaller RSA keys are no longer acceptable for a CA. */
  static final int MIN_KEY_SIZE = 2048;

  public CaSettings {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
    Objects.requireNonNull(backdate, "backdate");
    try {
      new X500Principal(subject);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid CA subject '" + subject + "': " + e.getMessage(), e);
    }
    if (keySize < MIN_KEY_SIZE) {
      throw new IllegalArgumentException("CA key size must be at least " + MIN_KEY_SIZE + " bits");
    }
    if (validityDays <= 0) {
      throw new IllegalArgumentException("CA validity must be a positive number of days");
    }
    if (backdate.isNegative()) {
      throw new IllegalArgumentException("backdate must not be negative");
    }
  }

  public static CaSettings defaults() {
    return new CaSettings(
        DEFAULT_SUBJECT,
        DEFAULT_KEY_SIZE,
        DEFAULT_VALIDITY_DAYS,
        DEFAULT_SIGNATURE_ALGORITHM,
        DEFAULT_BACKDATE);
  }

  public CaSettings withSubject(String newSubject) {
    return new CaSettings(newSubject, keySize, validityDays, signatureAlgorithm, backdate);
  }

  public CaSettings withKeySize(int newKeySize) {
    return new CaSettings(subject, newKeySize, validityDays, signatureAlgorithm, backdate);
  }

  public CaSettings withValidityDays(int newValidityDays) {
    return new CaSettings(subject, keySize, newValidityDays, signatureAlgorithm, backdate);
  }
}
