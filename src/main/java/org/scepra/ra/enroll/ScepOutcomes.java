package org.scepra.ra.enroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.util.List;
import org.scepra.protocol.DegenerateSignedData;
import org.scepra.protocol.FailInfo;
import org.scepra.protocol.PkiRequest;
import org.scepra.protocol.RequestHeader;
import org.scepra.protocol.ScepFailureException;
import org.scepra.ra.audit.AuditEvent;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.operations.ScepMetrics;

/** Builds a CertRep for a decision and writes its audit line, so neither is ever forgotten. */
@ApplicationScoped
public class ScepOutcomes {

  private AuditLog audit;
  private ScepMetrics metrics;

  /** For the CDI proxy only. */
  protected ScepOutcomes() {}

  @Inject
  public ScepOutcomes(AuditLog audit, ScepMetrics metrics) {
    this.audit = audit;
    this.metrics = metrics;
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

  /** SUCCESS carrying certificates: the first is the one the request is about. */
  public byte[] certificates(Endpoint endpoint, PkiRequest request, String subject, String authorization,
      List<X509Certificate> certificates) throws ScepFailureException {
    byte[] reply = endpoint.encoder().success(request, DegenerateSignedData.ofCertificates(certificates));
    audit.record(event(endpoint, request.header(), subject, authorization, "SUCCESS", null, null,
        certificates.get(0).getSerialNumber().toString(16)));
    return reply;
  }

  /** SUCCESS carrying a CRL. */
  public byte[] crl(Endpoint endpoint, PkiRequest request, java.security.cert.X509CRL crl) throws ScepFailureException {
    byte[] reply = endpoint.encoder().success(request, DegenerateSignedData.ofCrl(crl));
    audit.record(event(endpoint, request.header(), null, null, "SUCCESS", null, "CRL " + crl.getIssuerX500Principal(),
        null));
    return reply;
  }

  private AuditEvent event(Endpoint endpoint, RequestHeader header, String subject, String authorization,
      String outcome, String failInfo, String reason, String serial) {
    metrics.outcome(endpoint.alias(), header.messageType().map(Enum::name).orElse("unknown"), outcome);
    return new AuditEvent("pkiOperation", null, endpoint.alias(), header.transactionId().value(),
        header.messageType().map(Enum::name).orElse("unknown"), subject, authorization, outcome, failInfo, reason,
        serial);
  }
}
