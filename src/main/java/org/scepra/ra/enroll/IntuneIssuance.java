package org.scepra.ra.enroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.logging.Logger;
import org.scepra.protocol.FailInfo;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.intune.HResults;
import org.scepra.ra.intune.IntuneAudit;
import org.scepra.ra.intune.IntuneClient;
import org.scepra.ra.intune.IntuneEndpoints;
import org.scepra.ra.intune.IntuneMetrics;
import org.scepra.ra.intune.IntuneResult;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.ra.transaction.TransactionStatus;
import org.scepra.spi.CertificateRevoker;
import org.scepra.spi.IssueResult;

/**
 * Issuance on an Intune endpoint, for a claimed transaction: Intune validates the request before the backend is
 * asked, and hears what came of it before the device does (validate, issue, notify, record, deliver). Every
 * outcome Intune had a say in is recorded, so a retransmission replays it and never asks Intune again; only when
 * Intune could not be asked at all is the claim given back, for the retransmission to ask.
 */
@ApplicationScoped
public class IntuneIssuance {
  private static final Logger LOG = Logger.getLogger(IntuneIssuance.class.getName());
  /** A certificate Intune did not confirm is revoked with this reason: it was never put into use. */
  static final CertificateRevoker.Reason WITHHELD = CertificateRevoker.Reason.CESSATION_OF_OPERATION;

  private TransactionRepository transactions;
  private IntuneEndpoints endpoints;
  private IntuneAudit audit;

  /** For the CDI proxy only. */
  protected IntuneIssuance() {}

  @Inject
  public IntuneIssuance(TransactionRepository transactions, IntuneEndpoints endpoints, IntuneAudit audit) {
    this.transactions = transactions;
    this.endpoints = endpoints;
    this.audit = audit;
  }

  /** As {@link Issuance#settle}, with Intune's validation before and its notification after. */
  Issuance.Settled settle(Endpoint endpoint, TransactionRecord record, TransactionStatus retryStatus) {
    IntuneClient intune = endpoints.client(endpoint.alias()).orElseThrow(() -> new IllegalStateException(
        "endpoint " + endpoint.alias() + " is an Intune endpoint without an Intune client"));
    IntuneResult validation = intune.validate(record.transactionId(), record.csr());
    audit.validation(record.alias(), record.transactionId(), record.subject(), validation);
    if (validation instanceof IntuneResult.Unanswered unanswered) {
      giveBack(record, retryStatus);
      return new Issuance.Settled(record.rejected(FailInfo.BAD_REQUEST.name(),
          "Intune could not validate the request (" + unanswered.brief() + "); try again later"), null);
    }
    if (validation instanceof IntuneResult.Refused refused) {
      // No failureNotification: Intune itself refused (Microsoft: only for failures after a validation).
      return rejected(record, FailInfo.BAD_REQUEST, "Intune refused the request: " + refused.code());
    }
    IssueResult result = Issuance.call(endpoint, () -> endpoint.backend().issue(Issuance.request(endpoint, record)));
    if (result instanceof IssueResult.Issued issued) {
      return notifiedThenRecorded(intune, endpoint, record, issued.certificate());
    }
    return failed(intune, record, result);
  }

  private Issuance.Settled notifiedThenRecorded(IntuneClient intune, Endpoint endpoint, TransactionRecord record,
      X509Certificate certificate) {
    IssuedCertificate issued = IssuedCertificate.of(record.alias(), record.transactionId(), certificate);
    IntuneResult notified = intune.notifySuccess(record.transactionId(), record.csr(), certificate);
    audit.notification(record.alias(), record.transactionId(), record.subject(), IntuneMetrics.SUCCESS_NOTIFICATION,
        notified, issued.serialHex());
    if (notified instanceof IntuneResult.Success) {
      if (transactions.markIssued(record.alias(), record.transactionId(), issued)) {
        return new Issuance.Settled(record.issued(issued.issuerDn(), issued.serialHex()), certificate);
      }
      return new Issuance.Settled(transactions.find(record.alias(), record.transactionId()).orElseThrow(), null);
    }
    // Intune must know a certificate before the device has it: this one is withheld, and revoked where possible.
    boolean revoked = revoke(endpoint, certificate);
    audit.withheld(record.alias(), record.transactionId(), record.subject(), issued.serialHex(),
        revoked ? "REVOKED" : "NOT_REVOKED");
    String text = "Intune did not confirm the issued certificate (" + brief(notified) + "), so it was not delivered"
        + (revoked ? " and was revoked" : "");
    IssuedCertificate kept = revoked ? issued.revoked(Instant.now(), WITHHELD.code()) : issued;
    if (transactions.markWithheld(record.alias(), record.transactionId(), kept, FailInfo.BAD_REQUEST.name(), text)) {
      return new Issuance.Settled(record.rejected(FailInfo.BAD_REQUEST.name(), text), null);
    }
    return new Issuance.Settled(transactions.find(record.alias(), record.transactionId()).orElseThrow(), null);
  }

  /** Validation passed, issuance did not: Intune is told (failureNotification), the device gets FAILURE. */
  private Issuance.Settled failed(IntuneClient intune, TransactionRecord record, IssueResult result) {
    FailInfo failInfo = FailInfo.BAD_REQUEST;
    String text = "the CA queued the request for an approval, which Intune cannot wait for";
    if (result instanceof IssueResult.Rejected rejected) {
      failInfo = rejected.reason() == IssueResult.Reason.BAD_ALGORITHM ? FailInfo.BAD_ALG : FailInfo.BAD_REQUEST;
      text = rejected.message();
    }
    IntuneResult notified = intune.notifyFailure(record.transactionId(), record.csr(), HResults.of(result), text);
    audit.notification(record.alias(), record.transactionId(), record.subject(), IntuneMetrics.FAILURE_NOTIFICATION,
        notified, null);
    return rejected(record, failInfo, text);
  }

  private boolean revoke(Endpoint endpoint, X509Certificate certificate) {
    String serial = IssuedCertificate.serialHex(certificate);
    if (!(endpoint.backend() instanceof CertificateRevoker revoker)) {
      LOG.warning(() -> "endpoint " + endpoint.alias() + ": certificate " + serial + " was withheld because Intune "
          + "did not confirm it, and its backend cannot revoke it: revoke it at the CA");
      return false;
    }
    CertificateRevoker.Outcome outcome;
    try {
      outcome = revoker.revoke(endpoint.alias(), certificate, WITHHELD);
    } catch (RuntimeException e) {
      outcome = CertificateRevoker.Outcome.FAILED;
    }
    if (outcome == CertificateRevoker.Outcome.REVOKED || outcome == CertificateRevoker.Outcome.ALREADY_REVOKED) {
      return true;
    }
    CertificateRevoker.Outcome failed = outcome;
    LOG.warning(() -> "endpoint " + endpoint.alias() + ": certificate " + serial + " was withheld because Intune "
        + "did not confirm it, but could not be revoked (" + failed + "): revoke it through the admin API");
    return false;
  }

  private Issuance.Settled rejected(TransactionRecord record, FailInfo failInfo, String text) {
    transactions.markRejected(record.alias(), record.transactionId(), failInfo.name(), text);
    return new Issuance.Settled(transactions.find(record.alias(), record.transactionId()).orElseThrow(), null);
  }

  /** Intune was not asked (or did not answer): the claim goes back, and nothing is recorded. */
  private void giveBack(TransactionRecord record, TransactionStatus retryStatus) {
    if (retryStatus == null) {
      transactions.release(record.alias(), record.transactionId());
    } else {
      transactions.transition(record.alias(), record.transactionId(), TransactionStatus.IN_PROGRESS, retryStatus,
          record.decidedBy(), null, null);
    }
  }

  private static String brief(IntuneResult result) {
    return result instanceof IntuneResult.Unanswered unanswered ? unanswered.brief() : result.code();
  }
}
