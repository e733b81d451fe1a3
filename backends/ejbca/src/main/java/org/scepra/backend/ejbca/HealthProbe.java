package org.scepra.backend.ejbca;

import java.security.cert.X509Certificate;
import java.time.Instant;
import org.scepra.spi.BackendHealth;

/**
 * Two calls, each bounded by the endpoint's timeouts: getEjbcaVersion shows EJBCA is reachable
 * over TLS, and getLastCAChain shows it accepts the RA's client certificate for the configured CA
 * (it also refreshes the cached chain).
 */
final class HealthProbe {

  private HealthProbe() {}

  static BackendHealth probe(EjbcaEndpoint endpoint) {
    EjbcaSettings settings = endpoint.settings();
    String version;
    try {
      version = endpoint.calls().version();
    } catch (EjbcaCallException e) {
      return BackendHealth.down("EJBCA at " + settings.url() + " unreachable: " + e.reason());
    }
    X509Certificate ca;
    try {
      ca = endpoint.chain().refresh().get(0);
    } catch (EjbcaCallException e) {
      String what = e.fault().isPresent() ? " refused the RA's request for CA " : " failed to return CA ";
      return BackendHealth.down(version + " at " + settings.url() + what + settings.caName() + ": " + e.reason());
    }
    Instant notAfter = ca.getNotAfter().toInstant();
    if (!Instant.now().isBefore(notAfter)) {
      return BackendHealth.down("CA " + settings.caName() + " certificate expired on " + notAfter);
    }
    return BackendHealth.up(version + " at " + settings.url() + ": CA " + settings.caName()
        + " answers the RA's client certificate, CA valid until " + notAfter);
  }
}
