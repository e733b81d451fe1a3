package org.scepra.ra.endpoint;

import java.time.Instant;
import java.util.Optional;
import org.scepra.ra.identity.RaIdentities;
import org.scepra.ra.identity.RaLifetime;

/**
 * The last look at an endpoint's RA certificates, for readiness and metrics.
 *
 * @param status valid, due for renewal or expired, and which certificate expires first
 * @param renewedByScepra whether scepra renews them by itself (else an operator replaces the keystore)
 * @param problem what an operator must know (a renewal that failed, certificates scepra cannot renew); no secret
 * @param at when the look was taken
 */
public record RaCertificatesReport(RaLifetime.Status status, boolean renewedByScepra, Optional<String> problem,
    Instant at) {

  static RaCertificatesReport of(RaRenewal.Report report) {
    return new RaCertificatesReport(report.status(), report.renewability() instanceof RaIdentities.Renewable,
        report.problem(), report.at());
  }
}
