package org.scepra.ra.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.scepra.ra.audit.AuditEvent;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.Endpoints;
import org.scepra.ra.enroll.TransactionReplies;
import org.scepra.ra.transaction.CertificateRepository;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.spi.CertificateRevoker;

/** Certificate look-up and revocation on an operator's request. */
@ApplicationScoped
public class Revocations {

  private CertificateRepository certificates;
  private Endpoints endpoints;
  private AuditLog audit;

  /** For the CDI proxy only. */
  protected Revocations() {}

  @Inject
  public Revocations(CertificateRepository certificates, Endpoints endpoints, AuditLog audit) {
    this.certificates = certificates;
    this.endpoints = endpoints;
    this.audit = audit;
  }

  /** Certificates with this serial (hex, any case, leading zeros ignored). */
  public List<IssuedCertificate> find(String serialHex) {
    return normalized(serialHex).map(certificates::findBySerial).orElse(List.of());
  }

  public AdminResult revoke(String serialHex, CertificateRevoker.Reason reason, String operator) {
    List<IssuedCertificate> found = find(serialHex);
    if (found.size() != 1) {
      return log(operator, null, serialHex, AdminResult.of(found.isEmpty() ? AdminResult.Kind.NOT_FOUND
          : AdminResult.Kind.CONFLICT, found.isEmpty() ? "no such certificate" : "serial is ambiguous"));
    }
    IssuedCertificate certificate = found.get(0);
    Optional<Endpoint> endpoint = endpoints.find(certificate.alias());
    if (endpoint.isEmpty() || !(endpoint.get().backend() instanceof CertificateRevoker revoker)) {
      return log(operator, certificate, serialHex, AdminResult.of(AdminResult.Kind.UNSUPPORTED,
          "this certificate's CA backend does not revoke through scepra"));
    }
    CertificateRevoker.Outcome outcome;
    try {
      outcome = revoker.revoke(certificate.alias(), TransactionReplies.parse(certificate.der()), reason);
    } catch (RuntimeException e) {
      outcome = CertificateRevoker.Outcome.FAILED;
    }
    if (outcome == CertificateRevoker.Outcome.REVOKED || outcome == CertificateRevoker.Outcome.ALREADY_REVOKED) {
      certificates.markRevoked(certificate.issuerFingerprint(), certificate.serialHex(), Instant.now(), reason.code());
    }
    AdminResult result = switch (outcome) {
      case REVOKED, WAITING_FOR_APPROVAL -> AdminResult.done(outcome.name());
      case ALREADY_REVOKED -> AdminResult.of(AdminResult.Kind.CONFLICT, outcome.name());
      case UNKNOWN_CERTIFICATE -> AdminResult.of(AdminResult.Kind.NOT_FOUND, "the CA does not know this certificate");
      case FAILED -> AdminResult.of(AdminResult.Kind.FAILED, "the CA could not revoke it");
    };
    return log(operator, certificate, serialHex, result);
  }

  private AdminResult log(String operator, IssuedCertificate certificate, String serial, AdminResult result) {
    audit.record(AuditEvent.admin("revoke", operator, certificate == null ? null : certificate.alias(),
        certificate == null ? null : certificate.transactionId(), certificate == null ? null : certificate.subject(),
        result.kind().name(), result.detail(), serial));
    return result;
  }

  static Optional<String> normalized(String serialHex) {
    try {
      return Optional.of(IssuedCertificate.serialHex(new java.math.BigInteger(serialHex.strip(), 16)));
    } catch (NumberFormatException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
