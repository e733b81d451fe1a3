package org.scepra.backend.ejbca;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.OptionalInt;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.spi.IssueResult.Reason;
import org.scepra.spi.IssueResult.Rejected;

/**
 * One enrolment through EJBCA's RA interface: editUser creates or resets the end entity with a
 * fresh one-time password, then pkcs10Request spends that password on the device's CSR. If
 * editUser needs an administrator's approval, the answer is PENDING with an {@link
 * ApprovalReference}.
 */
final class Enroller {

  static final Rejected NO_NAME =
      new Rejected(Reason.BAD_REQUEST, "the request has no common name to name the end entity by");

  private final PendingPasswords pending;

  Enroller(PendingPasswords pending) {
    this.pending = pending;
  }

  IssueResult issue(EjbcaEndpoint endpoint, IssueRequest request) {
    Optional<String> username = endpoint.settings().usernames().username(request);
    if (username.isEmpty()) {
      EjbcaLog.warning("EJBCA endpoint {0} transaction {1}: no CN to name the end entity", endpoint.alias(), request.transactionId());
      return NO_NAME;
    }
    return enrolAs(endpoint, request, username.get());
  }

  /** editUser then pkcs10Request for the given end entity. */
  IssueResult enrolAs(EjbcaEndpoint endpoint, IssueRequest request, String username) {
    return enrolAs(endpoint, request, username, true);
  }

  private IssueResult enrolAs(EjbcaEndpoint endpoint, IssueRequest request, String username, boolean mayMoveToDnOwner) {
    String altNames;
    try {
      altNames = AltNames.of(request.csr());
    } catch (AltNames.UnsupportedNameException e) {
      EjbcaLog.warning("EJBCA endpoint {0} transaction {1}: {2}", endpoint.alias(), request.transactionId(), e.getMessage());
      return new Rejected(Reason.BAD_REQUEST, e.getMessage());
    }
    String password = EndEntities.oneTimePassword();
    try {
      endpoint.calls().editUser(EndEntities.user(endpoint.settings(), request, username, password, altNames));
    } catch (EjbcaCallException e) {
      OptionalInt requestId = e.fault().map(EjbcaFault::requestId).orElse(OptionalInt.empty());
      if (e.isFault(EjbcaFault.WAITING_FOR_APPROVAL) && requestId.isPresent()) {
        ApprovalReference reference = new ApprovalReference(requestId.getAsInt(), username);
        pending.remember(endpoint.alias(), reference, password);
        EjbcaLog.info(
            "EJBCA endpoint {0} transaction {1}: waiting for approval, request {2}",
            endpoint.alias(), request.transactionId(), requestId.getAsInt());
        return new IssueResult.Pending(reference.toString());
      }
      EjbcaLog.failed(endpoint.alias(), request.transactionId(), e);
      return mayMoveToDnOwner && DnOwners.isRefusal(e) ? toDnOwner(endpoint, request, username, e) : FaultMapping.rejected(e);
    }
    return certify(endpoint, request, username, password, mayMoveToDnOwner);
  }

  /** pkcs10Request for an end entity that is NEW with the given password. */
  IssueResult certify(EjbcaEndpoint endpoint, IssueRequest request, String username, String password) {
    return certify(endpoint, request, username, password, true);
  }

  private IssueResult certify(EjbcaEndpoint endpoint, IssueRequest request, String username, String password,
      boolean mayMoveToDnOwner) {
    try {
      X509Certificate certificate =
          endpoint.calls().pkcs10Request(username, password, request.csr().getEncoded());
      if (!CsrKeys.matches(certificate, request.csr())) {
        // the device could not use it; EJBCA should never do this for a USERGENERATED end entity
        EjbcaLog.error("EJBCA endpoint {0} transaction {1}: EJBCA returned a certificate for another key",
            endpoint.alias(), request.transactionId());
        return FaultMapping.NOT_COMPLETED;
      }
      return new IssueResult.Issued(certificate, endpoint.chain().getOrEmpty());
    } catch (EjbcaCallException e) {
      EjbcaLog.failed(endpoint.alias(), request.transactionId(), e);
      return mayMoveToDnOwner && DnOwners.isRefusal(e) ? toDnOwner(endpoint, request, username, e) : FaultMapping.rejected(e);
    } catch (IOException e) {
      return new Rejected(Reason.BAD_REQUEST, "the request cannot be encoded");
    }
  }

  /**
   * EJBCA refused the subject DN because another end entity has certificates with it: enrol as that end entity if it
   * is scepra's (see {@link DnOwners}); once only, so two end entities cannot send the request back and forth.
   */
  private IssueResult toDnOwner(EjbcaEndpoint endpoint, IssueRequest request, String refused, EjbcaCallException refusal) {
    Optional<String> owner;
    try {
      owner = DnOwners.find(endpoint, request, refused);
    } catch (EjbcaCallException e) {
      EjbcaLog.failed(endpoint.alias(), request.transactionId(), e);
      return FaultMapping.rejected(refusal);
    }
    if (owner.isEmpty()) {
      EjbcaLog.warning("EJBCA endpoint {0} transaction {1}: the subject DN belongs to an end entity that is not "
          + "scepra''s (no name with prefix {2}); refused", endpoint.alias(), request.transactionId(),
          endpoint.settings().usernames().prefix());
      return FaultMapping.rejected(refusal);
    }
    EjbcaLog.info("EJBCA endpoint {0} transaction {1}: EJBCA enforces unique subject DNs and end entity {2} has this "
        + "one; enrolling as {2} instead of {3}", endpoint.alias(), request.transactionId(), owner.get(), refused);
    return enrolAs(endpoint, request, owner.get(), false);
  }
}
