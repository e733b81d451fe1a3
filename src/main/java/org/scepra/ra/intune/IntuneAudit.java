package org.scepra.ra.intune;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scepra.ra.audit.AuditEvent;
import org.scepra.ra.audit.AuditLog;

/**
 * One audit line (and a count) per call to Intune: the endpoint, the transactionID, Intune's code and the
 * client-request-id, which is what Microsoft support asks for. Never a challenge, token or secret.
 */
@ApplicationScoped
public class IntuneAudit {

  private AuditLog audit;
  private IntuneMetrics metrics;

  /** For the CDI proxy only. */
  protected IntuneAudit() {}

  @Inject
  public IntuneAudit(AuditLog audit, IntuneMetrics metrics) {
    this.audit = audit;
    this.metrics = metrics;
  }

  public void validation(String alias, String transactionId, String subject, IntuneResult result) {
    metrics.validation(alias, result.code());
    audit.record(new AuditEvent("intuneValidate", null, alias, transactionId, null, subject, null,
        outcome(result), null, detail(result), null), extra(result));
  }

  /** @param kind "success" or "failure" */
  public void notification(String alias, String transactionId, String subject, String kind, IntuneResult result,
      String serial) {
    metrics.notification(alias, kind, result.code());
    audit.record(new AuditEvent("intuneNotify", null, alias, transactionId, kind, subject, null, outcome(result),
        null, detail(result), serial), extra(result));
  }

  /** A certificate Intune did not confirm: withheld from the device and, if the backend could, revoked. */
  public void withheld(String alias, String transactionId, String subject, String serial, String revocation) {
    audit.record(new AuditEvent("intuneWithhold", null, alias, transactionId, null, subject, null, revocation, null,
        "Intune did not confirm the certificate; not delivered", serial));
  }

  /** A revocation Intune asked for, and what was reported back. */
  public void revocation(String alias, String requestContext, String serial, boolean succeeded, String errorCode,
      String message) {
    metrics.revocation(alias, succeeded);
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("requestContext", requestContext);
    extra.put("intuneErrorCode", errorCode);
    audit.record(new AuditEvent("intuneRevoke", null, alias, null, null, null, null,
        succeeded ? "REVOKED" : "FAILED", null, message, serial), extra);
  }

  private static String outcome(IntuneResult result) {
    if (result instanceof IntuneResult.Success) {
      return "SUCCESS";
    }
    return result instanceof IntuneResult.Refused ? "REFUSED" : "UNANSWERED";
  }

  private static String detail(IntuneResult result) {
    if (result instanceof IntuneResult.Refused refused) {
      return refused.description().isEmpty() ? null : refused.description();
    }
    return result instanceof IntuneResult.Unanswered unanswered ? unanswered.reason() : null;
  }

  private static Map<String, String> extra(IntuneResult result) {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("intuneCode", result.code());
    if (result.clientRequestId() != null) {
      extra.put("clientRequestId", result.clientRequestId());
    }
    return extra;
  }
}
