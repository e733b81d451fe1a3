package org.scepra.ra.intune;

import org.scepra.ra.endpoint.EndpointSettings;
import org.scepra.spi.CaBackend;
import org.scepra.spi.PendingPoller;

/**
 * What an Intune endpoint cannot be combined with, checked at start-up: Intune authorizes every request itself,
 * so no challenge of scepra's may bypass it, and Intune has no pending state, so the certificate must be issued
 * within the request.
 */
final class IntuneEndpointRules {

  private IntuneEndpointRules() {}

  /** @throws IllegalArgumentException naming the key that conflicts with {@code intune.enabled=true} */
  static void check(EndpointSettings endpoint, CaBackend backend) {
    String prefix = "scepra.endpoint." + endpoint.alias() + ".";
    String why = " cannot be used with " + prefix + IntuneSettings.ENABLED + "=true: ";
    if (endpoint.authorization().staticChallenge().isPresent()) {
      throw new IllegalArgumentException(prefix + "challenge" + why
          + "Intune validates every request's challenge, a static one would bypass it");
    }
    if (endpoint.authorization().oneTimeChallenges()) {
      throw new IllegalArgumentException(prefix + "one-time-challenges" + why
          + "Intune validates every request's challenge, a one-time one would bypass it");
    }
    if (endpoint.manualApproval()) {
      throw new IllegalArgumentException(prefix + "approval=manual" + why
          + "Intune has no pending state, the certificate must be issued within the request");
    }
    if (backend instanceof PendingPoller poller && !poller.issuesAtOnce(endpoint.alias())) {
      throw new IllegalArgumentException(prefix + "backend=" + endpoint.backend() + why
          + "this backend leaves requests PENDING, and Intune has no pending state");
    }
  }
}
