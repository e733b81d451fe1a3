package org.scepra.ra.transaction;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Certificates issued through scepra, looked up by (issuer, serial) or serial: always by index. */
public interface CertificateRepository {

  Optional<IssuedCertificate> find(String issuerFingerprint, String serialHex);

  /** All certificates with this serial (normally one; serials are random 64+ bit values). */
  List<IssuedCertificate> findBySerial(String serialHex);

  /**
   * Certificates whose subject (RFC 2253, as recorded) starts with {@code subjectPrefix} and/or that were issued
   * through endpoint {@code alias} (either may be empty, not both), newest first, at most {@code limit}.
   */
  List<IssuedCertificate> search(Optional<String> subjectPrefix, Optional<String> alias, int limit);

  void markRevoked(String issuerFingerprint, String serialHex, Instant revokedAt, int reason);
}
