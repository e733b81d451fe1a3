package org.scepra.store;

import java.time.Instant;
import java.util.Base64;
import org.scepra.ra.transaction.IssuedCertificate;

/** Entity ↔ record for issued certificates. */
final class CertificateMapping {

  private CertificateMapping() {}

  static CertificateEntity toEntity(IssuedCertificate c) {
    CertificateEntity e = new CertificateEntity();
    e.alias = c.alias();
    e.transactionId = c.transactionId();
    e.issuerDn = c.issuerDn();
    e.issuerFingerprint = c.issuerFingerprint();
    e.serialHex = c.serialHex();
    e.subject = displayed(c.subject());
    e.notBefore = c.notBefore().toEpochMilli();
    e.notAfter = c.notAfter().toEpochMilli();
    e.revoked = c.revoked();
    e.revokedAt = c.revokedAt() == null ? null : c.revokedAt().toEpochMilli();
    e.revocationReason = c.revocationReason();
    e.derBase64 = Base64.getEncoder().encodeToString(c.der());
    return e;
  }

  /**
   * The subject as RFC 2253 shows it, cut to its column. It is for display only (the DER is stored
   * whole), and it can be twice as long as the subject the policy measured: attributes of unknown
   * type are shown as hex. Cutting it beats losing the record of a certificate already issued.
   */
  static String displayed(String subject) {
    int max = 1024;
    return subject == null || subject.length() <= max ? subject : subject.substring(0, max - 3) + "...";
  }

  static IssuedCertificate toRecord(CertificateEntity e) {
    return new IssuedCertificate(e.alias, e.transactionId, e.issuerDn, e.issuerFingerprint, e.serialHex, e.subject,
        Instant.ofEpochMilli(e.notBefore), Instant.ofEpochMilli(e.notAfter), e.revoked,
        e.revokedAt == null ? null : Instant.ofEpochMilli(e.revokedAt), e.revocationReason,
        Base64.getDecoder().decode(e.derBase64));
  }
}
