package org.scepra.ra.transaction;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Certificates issued through scepra, looked up by (issuer, serial) or serial: always by index. */
public interface CertificateRepository {

  Optional<IssuedCertificate> find(String issuerFingerprint, String serialHex);

  /** All certificates with this serial (normally one; serials are random 64+ bit values). */
  List<IssuedCertificate> findBySerial(String serialHex);

  void markRevoked(String issuerFingerprint, String serialHex, Instant revokedAt, int reason);
}
