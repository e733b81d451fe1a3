package org.scepra.ra.authz;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.scepra.protocol.CsrAttributes;
import org.scepra.ra.audit.AuditEvent;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.challenge.OneTimeChallenge;
import org.scepra.ra.challenge.OneTimeChallenges;
import org.scepra.ra.transaction.CertificateRepository;

/**
 * Decides whether an enrollment may proceed, in this order: issuance policy; brute-force lock-out;
 * who the requester is (its current certificate for a renewal, else the static or a one-time
 * challenge); the external validator, if any; and last, consuming a one-time challenge, atomically
 * in the database. Manual approval, if configured, comes after this (it needs a recorded request).
 */
@ApplicationScoped
public class Authorization {

  private OneTimeChallenges oneTimeChallenges;
  private Lockout lockout;
  private Webhook webhook;
  private RenewalCheck renewal;
  private AuditLog audit;

  /** For the CDI proxy only. */
  protected Authorization() {}

  @Inject
  public Authorization(OneTimeChallenges oneTimeChallenges, Lockout lockout, Webhook webhook,
      CertificateRepository certificates, AuditLog audit) {
    this.oneTimeChallenges = oneTimeChallenges;
    this.lockout = lockout;
    this.webhook = webhook;
    this.renewal = new RenewalCheck(certificates);
    this.audit = audit;
  }

  public Decision authorize(EnrollmentContext context) {
    Decision policy = PolicyCheck.check(context);
    if (policy instanceof Decision.Deny) {
      return policy;
    }
    String[] lockKeys = lockKeys(context);
    Instant now = Instant.now();
    if (lockout.isLocked(now, lockKeys)) {
      return Decision.deny("too many failed attempts; try again later", "lockout");
    }
    Decision identity = renewal.check(context);
    Optional<OneTimeChallenge> toConsume = Optional.empty();
    if (identity instanceof Decision.Abstain || (identity instanceof Decision.Deny && !context.isRenewalRequest())) {
      // A PKCSReq signed by an issued certificate that cannot renew may still carry a valid challenge.
      ChallengeCheck.Result challenge = ChallengeCheck.check(context, oneTimeChallenges);
      if (challenge.decision() instanceof Decision.Deny denied) {
        if (lockout.recordFailure(context.settings().lockout(), now, lockKeys)) {
          audit.record(new AuditEvent("lockout", null, context.endpoint().alias(),
              context.request().transactionId().value(), null, context.subject(), denied.mode(), "LOCKED", null,
              "too many failed challenge passwords", null));
        }
        return identity instanceof Decision.Deny ? identity : denied;
      }
      identity = challenge.decision();
      toConsume = challenge.oneTime();
    }
    if (identity instanceof Decision.Deny) {
      return identity;
    }
    String mode = ((Decision.Allow) identity).mode();
    if (context.settings().webhook().isPresent()) {
      Decision validated = webhook.validate(context, context.settings().webhook().get(),
          CsrAttributes.challengePassword(context.csr()).orElse(null));
      if (validated instanceof Decision.Deny) {
        return validated;
      }
      mode = mode + "+webhook";
    }
    if (toConsume.isPresent() && !oneTimeChallenges.consume(toConsume.get(), context.request().transactionId().value())) {
      return Decision.deny("the one-time challenge password was already used or has expired", ChallengeCheck.ONE_TIME);
    }
    return new Decision.Allow(mode);
  }

  /** Notifies the external validator of an outcome, if the endpoint has one with a notify URL. */
  public void notifyOutcome(EnrollmentContext context, String outcome, String detail) {
    context.settings().webhook().ifPresent(w -> webhook.notifyOutcome(w, context.endpoint().alias(),
        context.request().transactionId().value(), outcome, detail));
  }

  private static String[] lockKeys(EnrollmentContext context) {
    String alias = context.endpoint().alias();
    return new String[] {
      context.clientAddress() == null ? null : alias + "|addr|" + context.clientAddress(),
      alias + "|subject|" + context.subject()
    };
  }
}
