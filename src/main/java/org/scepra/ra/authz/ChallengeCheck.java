package org.scepra.ra.authz;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.scepra.protocol.CsrAttributes;
import org.scepra.ra.challenge.OneTimeChallenge;
import org.scepra.ra.challenge.OneTimeChallenges;

/**
 * challengePassword authorization: the endpoint's static secret OR a one-time challenge minted for
 * it. A one-time challenge is only looked up here; {@link Authorization} consumes it as the last
 * step, so a request that a later step (webhook, policy) refuses does not burn it.
 */
final class ChallengeCheck {
  static final String STATIC = "static-challenge";
  static final String ONE_TIME = "one-time-challenge";

  /** The outcome, with the one-time challenge to consume when that is what matched. */
  record Result(Decision decision, Optional<OneTimeChallenge> oneTime) {}

  private ChallengeCheck() {}

  static Result check(EnrollmentContext context, OneTimeChallenges oneTimeChallenges) {
    AuthorizationSettings settings = context.settings();
    Optional<String> presented = CsrAttributes.challengePassword(context.csr());
    if (presented.isEmpty()) {
      return denied("the challenge password is missing", "challenge");
    }
    if (ChallengeVerifier.matches(settings.staticChallenge(), presented)) {
      return new Result(new Decision.Allow(STATIC), Optional.empty());
    }
    if (!settings.oneTimeChallenges()) {
      return denied("the challenge password is wrong", "challenge");
    }
    Optional<OneTimeChallenge> stored = oneTimeChallenges.lookup(presented.get())
        .filter(c -> c.alias().equals(context.endpoint().alias()));
    if (stored.isEmpty()) {
      return denied("the challenge password is wrong", "challenge");
    }
    OneTimeChallenge challenge = stored.get();
    if (challenge.usedAt().isPresent() || !challenge.expiresAt().isAfter(java.time.Instant.now())) {
      return denied("the one-time challenge password was already used or has expired", ONE_TIME);
    }
    if (challenge.expectedSubject().isPresent()
        && !new X500Name(challenge.expectedSubject().get()).equals(context.csr().getSubject())) {
      return denied("the subject is not the one this challenge password was issued for", ONE_TIME);
    }
    if (challenge.expectedSan().isPresent() && !hasSan(context, challenge.expectedSan().get())) {
      return denied("the subjectAltName this challenge password was issued for is missing", ONE_TIME);
    }
    return new Result(new Decision.Allow(ONE_TIME), stored);
  }

  private static boolean hasSan(EnrollmentContext context, String expected) {
    return CsrAttributes.requestedExtensions(context.csr())
        .map(e -> GeneralNames.fromExtensions(e, Extension.subjectAlternativeName))
        .map(names -> Arrays.stream(names.getNames()).anyMatch(n -> n.getName().toString().equalsIgnoreCase(expected)))
        .orElse(false);
  }

  private static Result denied(String text, String mode) {
    return new Result(Decision.deny(text, mode), Optional.empty());
  }
}
