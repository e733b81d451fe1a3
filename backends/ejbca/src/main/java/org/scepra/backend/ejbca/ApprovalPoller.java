package org.scepra.backend.ejbca;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.spi.IssueResult.Reason;
import org.scepra.spi.IssueResult.Rejected;

/**
 * Follows an enrolment that waits for an EJBCA administrator. Once approved, EJBCA has created the
 * end entity exactly as requested (status NEW, the password sent with editUser), so the remembered
 * password is spent on pkcs10Request. Polling again after issuance returns the same certificate,
 * found with getLastCertChain by the CSR's public key, never a second one. A problem while asking
 * leaves the request PENDING: it has not been refused, and the device will ask again.
 */
final class ApprovalPoller {

  static final Rejected REJECTED = new Rejected(Reason.BAD_REQUEST, "the CA administrator rejected the request");
  static final Rejected EXPIRED = new Rejected(Reason.BAD_REQUEST, "the approval request expired");
  static final Rejected UNKNOWN = new Rejected(Reason.BAD_REQUEST, "the CA does not know this pending request");

  private final PendingPasswords pending;
  private final Enroller enroller;

  ApprovalPoller(PendingPasswords pending, Enroller enroller) {
    this.pending = pending;
    this.enroller = enroller;
  }

  IssueResult poll(EjbcaEndpoint endpoint, IssueRequest request, String reference) {
    Optional<ApprovalReference> parsed = ApprovalReference.parse(reference);
    if (parsed.isEmpty()) {
      EjbcaLog.warning("EJBCA endpoint {0} transaction {1}: not an EJBCA reference", endpoint.alias(), request.transactionId());
      return UNKNOWN;
    }
    ApprovalReference approval = parsed.get();
    int remaining;
    try {
      remaining = endpoint.calls().remainingApprovals(approval.requestId());
    } catch (EjbcaCallException e) {
      EjbcaLog.failed(endpoint.alias(), request.transactionId(), e);
      if (e.isFault(EjbcaFault.APPROVAL_EXPIRED) || e.isFault(EjbcaFault.APPROVAL)) {
        pending.forget(endpoint.alias(), approval);
        return e.isFault(EjbcaFault.APPROVAL_EXPIRED) ? EXPIRED : UNKNOWN;
      }
      return new IssueResult.Pending(reference);
    }
    if (remaining == -1) {
      pending.forget(endpoint.alias(), approval);
      EjbcaLog.info("EJBCA endpoint {0} transaction {1}: approval request {2} rejected",
          endpoint.alias(), request.transactionId(), approval.requestId());
      return REJECTED;
    }
    if (remaining != 0) {
      // still waiting, or -9: EJBCA could not ask an upstream peer this time
      return new IssueResult.Pending(reference);
    }
    return approved(endpoint, request, approval, reference);
  }

  private IssueResult approved(EjbcaEndpoint endpoint, IssueRequest request, ApprovalReference approval, String reference) {
    Optional<IssueResult> issued;
    try {
      issued = alreadyIssued(endpoint, request, approval.username());
    } catch (EjbcaCallException e) {
      EjbcaLog.failed(endpoint.alias(), request.transactionId(), e);
      return new IssueResult.Pending(reference);
    }
    IssueResult result =
        issued.orElseGet(
            () ->
                pending
                    .password(endpoint.alias(), approval)
                    .map(password -> enroller.certify(endpoint, request, approval.username(), password))
                    // the password is gone (restart, other node): set a new one; if EJBCA wants
                    // approval for that edit too, the answer is a new PENDING reference
                    .orElseGet(() -> enroller.enrolAs(endpoint, request, approval.username())));
    if (!(result instanceof IssueResult.Pending)) {
      pending.forget(endpoint.alias(), approval);
    }
    return result;
  }

  /** The end entity's latest certificate, if it is for this CSR's key. Faults mean "none". */
  private static Optional<IssueResult> alreadyIssued(EjbcaEndpoint endpoint, IssueRequest request, String username)
      throws EjbcaCallException {
    List<X509Certificate> chain;
    try {
      chain = endpoint.calls().lastCertChain(username);
    } catch (EjbcaCallException e) {
      if (e.fault().isEmpty()) {
        throw e;
      }
      return Optional.empty();
    }
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    X509Certificate latest = chain.get(0);
    if (!CsrKeys.matches(latest, request.csr())) {
      return Optional.empty();
    }
    List<X509Certificate> caChain = chain.size() > 1 ? chain.subList(1, chain.size()) : endpoint.chain().getOrEmpty();
    return Optional.of(new IssueResult.Issued(latest, caChain));
  }
}
