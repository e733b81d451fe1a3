package org.scepra.ra.enroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.scepra.protocol.FailInfo;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.ra.transaction.TransactionStatus;
import org.scepra.spi.CaBackend;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.spi.PendingPoller;

/**
 * Asks an endpoint's backend to issue (or, when it said PENDING, asks again) and records the
 * outcome before anyone is told about it, so that what a client sees is always in the database.
 */
@ApplicationScoped
public class Issuance {
  private static final Logger LOG = Logger.getLogger(Issuance.class.getName());

  private TransactionRepository transactions;
  private IntuneIssuance intune;

  /** For the CDI proxy only. */
  protected Issuance() {}

  @Inject
  public Issuance(TransactionRepository transactions, IntuneIssuance intune) {
    this.transactions = transactions;
    this.intune = intune;
  }

  /**
   * Issues for a claimed (IN_PROGRESS) transaction; returns it as recorded afterwards. When the CA
   * is unavailable nothing final is recorded: the claim goes back to {@code retryStatus}, or is
   * released when that is null, so that the client's retransmission (or the operator) can retry.
   */
  public TransactionRecord issue(Endpoint endpoint, TransactionRecord record, TransactionStatus retryStatus) {
    return settle(endpoint, record, retryStatus).record();
  }

  /**
   * A transaction as recorded after {@link #issue}, with the certificate when it was issued just
   * now (null otherwise), so the reply need not read back what was just written.
   */
  public record Settled(TransactionRecord record, X509Certificate certificate) {}

  /** {@link #issue}, keeping the certificate at hand. On an Intune endpoint, Intune validates first and is told after. */
  public Settled settle(Endpoint endpoint, TransactionRecord record, TransactionStatus retryStatus) {
    if (endpoint.settings().authorization().intune()) {
      return intune.settle(endpoint, record, retryStatus);
    }
    IssueRequest request = request(endpoint, record);
    IssueResult result = call(endpoint, () -> endpoint.backend().issue(request));
    if (result instanceof IssueResult.Rejected rejected && rejected.reason() == IssueResult.Reason.CA_UNAVAILABLE) {
      if (retryStatus == null) {
        transactions.release(record.alias(), record.transactionId());
      } else {
        transactions.transition(record.alias(), record.transactionId(), TransactionStatus.IN_PROGRESS, retryStatus,
            record.decidedBy(), null, null);
      }
      return new Settled(record.rejected(FailInfo.BAD_REQUEST.name(), rejected.message()), null);
    }
    return record(endpoint, record, result);
  }

  /** Asks a backend that answered PENDING again; unchanged if it cannot be asked. */
  public TransactionRecord poll(Endpoint endpoint, TransactionRecord record) {
    CaBackend backend = endpoint.backend();
    if (!(backend instanceof PendingPoller poller) || record.backendReference() == null) {
      return record;
    }
    IssueRequest request = request(endpoint, record);
    IssueResult result = call(endpoint, () -> poller.poll(request, record.backendReference()));
    boolean unchanged = result instanceof IssueResult.Pending pending && pending.reference().equals(record.backendReference());
    boolean unavailable = result instanceof IssueResult.Rejected rejected
        && rejected.reason() == IssueResult.Reason.CA_UNAVAILABLE;
    if (unchanged || unavailable) {
      return record; // still pending; the client polls again later
    }
    TransactionRecord settled = record(endpoint, record, result).record();
    if (!(result instanceof IssueResult.Pending)) {
      try {
        poller.settled(request, record.backendReference());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "backend clean-up failed after " + record.transactionId() + " was settled", e);
      }
    }
    return settled;
  }

  private Settled record(Endpoint endpoint, TransactionRecord record, IssueResult result) {
    String alias = record.alias();
    String transactionId = record.transactionId();
    if (result instanceof IssueResult.Issued issued) {
      IssuedCertificate certificate = IssuedCertificate.of(alias, transactionId, issued.certificate());
      if (transactions.markIssued(alias, transactionId, certificate)) {
        // Recorded as given: no need to read it back (a database transaction per enrollment).
        return new Settled(record.issued(certificate.issuerDn(), certificate.serialHex()), issued.certificate());
      }
    } else if (result instanceof IssueResult.Pending pending) {
      transactions.markPending(alias, transactionId, pending.reference());
    } else {
      IssueResult.Rejected rejected = (IssueResult.Rejected) result;
      FailInfo failInfo = rejected.reason() == IssueResult.Reason.BAD_ALGORITHM ? FailInfo.BAD_ALG : FailInfo.BAD_REQUEST;
      transactions.markRejected(alias, transactionId, failInfo.name(), rejected.message());
    }
    return new Settled(transactions.find(alias, transactionId).orElseThrow(), null);
  }

  static IssueRequest request(Endpoint endpoint, TransactionRecord record) {
    try {
      return new IssueRequest(endpoint.alias(), record.transactionId(), new PKCS10CertificationRequest(record.csr()),
          Profiles.named(record.profile(), endpoint.settings()));
    } catch (IOException e) {
      throw new IllegalStateException("stored CSR of " + record.transactionId() + " is unreadable", e);
    }
  }

  /** A backend that throws is treated as unavailable; the device gets a FAILURE, not a 500. */
  static IssueResult call(Endpoint endpoint, java.util.function.Supplier<IssueResult> backendCall) {
    try {
      return backendCall.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "backend " + endpoint.settings().backend() + " failed for endpoint " + endpoint.alias(), e);
      return new IssueResult.Rejected(IssueResult.Reason.CA_UNAVAILABLE, "the CA is unavailable, try again later");
    }
  }
}
