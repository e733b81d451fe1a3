package org.scepra.ra.enroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import org.scepra.protocol.FailInfo;
import org.scepra.protocol.RequestHeader;
import org.scepra.ra.audit.AuditEvent;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.endpoint.Endpoint;

/** Builds a CertRep for a decision and writes its audit line, so neither is ever forgotten. */
@ApplicationScoped
public class ScepOutcomes {

  private AuditLog audit;

  /** For the CDI proxy only. */
  protected ScepOutcomes() {}

  @Inject
  public ScepOutcomes(AuditLog audit) {
    this.audit = audit;
  }

  public byte[] failure(Endpoint endpoint, RequestHeader header, String subject, String authorization,
      FailInfo failInfo, String reason) {
    audit.record(event(endpoint, header, subject, authorization, "FAILURE", failInfo.name(), reason, null));
    return endpoint.encoder().failure(header, failInfo, reason);
  }

  public byte[] pending(Endpoint endpoint, RequestHeader header, String subject, String authorization) {
    audit.record(event(endpoint, header, subject, authorization, "PENDING", null, null, null));
    return endpoint.encoder().pending(header);
  }

  public void issued(Endpoint endpoint, RequestHeader header, String subject, String authorization,
      X509Certificate certificate) {
    audit.record(event(endpoint, header, subject, authorization, "SUCCESS", null, null,
        certificate.getSerialNumber().toString(16)));
  }

  private static AuditEvent event(Endpoint endpoint, RequestHeader header, String subject, String authorization,
      String outcome, String failInfo, String reason, String serial) {
    return new AuditEvent("pkiOperation", endpoint.alias(), header.transactionId().value(),
        header.messageType().map(Enum::name).orElse("unknown"), subject, authorization, outcome, failInfo, reason,
        serial);
  }
}
