package org.scepra.ra.authz;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
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
 *
 * <p>On an Intune endpoint, who the requester is is Intune's to say, for every PKCSReq and RenewalReq:
 * no challenge or certificate of scepra's counts. Intune is asked once the transaction is claimed
 * ({@code IntuneIssuance}), so that a retransmission never asks it a second time.
 */
@ApplicationScoped
public class Authorization {
  /** How an Intune endpoint's requests are authorized (audit lines' auth). */
  public static final String INTUNE = "intune";

  private OneTimeChallenges oneTimeChallenges;
  private Lockout lockout;
  private Webhook webhook;
  private RenewalCheck renewal;
  private AuditLog audit;

  /** For the CDI proxy only. */
  protected Authorization() {}

  /** Made when the application starts (with the proxies it holds), not by the first device's request. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {}

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
    if (context.settings().intune()) {
      return webhook(context, new Decision.Allow(INTUNE));
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
    Decision validated = webhook(context, (Decision.Allow) identity);
    if (validated instanceof Decision.Deny) {
      return validated;
    }
    String mode = ((Decision.Allow) validated).mode();
    if (toConsume.isPresent() && !oneTimeChallenges.consume(toConsume.get(), context.request().transactionId().value())) {
      return Decision.deny("the one-time challenge password was already used or has expired", ChallengeCheck.ONE_TIME);
    }
    return new Decision.Allow(mode);
  }

  /** The external validator, if the endpoint has one, on top of {@code identity}. */
  private Decision webhook(EnrollmentContext context, Decision.Allow identity) {
    if (context.settings().webhook().isEmpty()) {
      return identity;
    }
    Decision validated = webhook.validate(context, context.settings().webhook().get(),
        CsrAttributes.challengePassword(context.csr()).orElse(null));
    return validated instanceof Decision.Deny ? validated : new Decision.Allow(identity.mode() + "+webhook");
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
