package org.scepra.ra.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.scepra.protocol.FailInfo;
import org.scepra.ra.audit.AuditEvent;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.Endpoints;
import org.scepra.ra.enroll.Issuance;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.ra.transaction.TransactionStatus;

/**
 * Manual approval: operators list requests waiting for them, approve (then the backend is asked)
 * or reject with a reason that the device receives as failInfoText. A conditional status update
 * makes sure two operators (or nodes) cannot both decide the same request.
 */
@ApplicationScoped
public class Approvals {
  static final int MAX_REASON = 255;
  private static final int LIST_LIMIT = 500;

  private TransactionRepository transactions;
  private Endpoints endpoints;
  private Issuance issuance;
  private AuditLog audit;

  /** For the CDI proxy only. */
  protected Approvals() {}

  @Inject
  public Approvals(TransactionRepository transactions, Endpoints endpoints, Issuance issuance, AuditLog audit) {
    this.transactions = transactions;
    this.endpoints = endpoints;
    this.issuance = issuance;
    this.audit = audit;
  }

  public List<PendingRequest> pending() {
    return transactions.findByStatus(TransactionStatus.AWAITING_APPROVAL, LIST_LIMIT).stream()
        .map(r -> new PendingRequest(r.alias(), r.transactionId(), r.receivedAt(), CsrDetails.of(r.csr()),
            r.profile(), r.clientAddress()))
        .toList();
  }

  public AdminResult approve(String alias, String transactionId, String operator) {
    Optional<Endpoint> endpoint = endpoints.find(alias);
    Optional<TransactionRecord> record = transactions.find(alias, transactionId);
    if (endpoint.isEmpty() || record.isEmpty()) {
      return log("approve", operator, alias, transactionId, null, AdminResult.of(AdminResult.Kind.NOT_FOUND,
          "no such transaction"));
    }
    if (!transactions.transition(alias, transactionId, TransactionStatus.AWAITING_APPROVAL,
        TransactionStatus.IN_PROGRESS, operator, null, null)) {
      return log("approve", operator, alias, transactionId, record.get().subject(), AdminResult.of(
          AdminResult.Kind.CONFLICT, "not awaiting approval (status " + record.get().status() + ")"));
    }
    TransactionRecord after = issuance.issue(endpoint.get(), record.get().withStatus(TransactionStatus.IN_PROGRESS),
        TransactionStatus.AWAITING_APPROVAL);
    AdminResult result = after.status() == TransactionStatus.REJECTED && after.failText() != null
        && transactions.find(alias, transactionId).map(r -> r.status() == TransactionStatus.AWAITING_APPROVAL)
            .orElse(false)
        ? AdminResult.of(AdminResult.Kind.FAILED, after.failText())
        : AdminResult.done(after.status().name());
    return log("approve", operator, alias, transactionId, after.subject(), result);
  }

  public AdminResult reject(String alias, String transactionId, String operator, String reason) {
    String text = sanitize(reason);
    Optional<TransactionRecord> record = transactions.find(alias, transactionId);
    if (record.isEmpty()) {
      return log("reject", operator, alias, transactionId, null, AdminResult.of(AdminResult.Kind.NOT_FOUND,
          "no such transaction"));
    }
    if (!transactions.transition(alias, transactionId, TransactionStatus.AWAITING_APPROVAL, TransactionStatus.REJECTED,
        operator, FailInfo.BAD_REQUEST.name(), text)) {
      return log("reject", operator, alias, transactionId, record.get().subject(), AdminResult.of(
          AdminResult.Kind.CONFLICT, "not awaiting approval (status " + record.get().status() + ")"));
    }
    return log("reject", operator, alias, transactionId, record.get().subject(), AdminResult.done("REJECTED"));
  }

  /** The reason goes to the device as failInfoText: printable, bounded. */
  static String sanitize(String reason) {
    String text = reason == null || reason.isBlank() ? "rejected by the CA operator" : reason.strip();
    text = text.replaceAll("\\p{Cntrl}", " ");
    return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text;
  }

  private AdminResult log(String action, String operator, String alias, String transactionId, String subject,
      AdminResult result) {
    audit.record(AuditEvent.admin(action, operator, alias, transactionId, subject, result.kind().name(),
        result.detail(), null));
    return result;
  }
}
