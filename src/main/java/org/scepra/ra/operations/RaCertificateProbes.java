package org.scepra.ra.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.EndpointActivation;
import org.scepra.ra.endpoint.EndpointState;
import org.scepra.ra.endpoint.Endpoints;
import org.scepra.ra.endpoint.RaCertificatesReport;
import org.scepra.ra.identity.RaLifetime;
import org.scepra.ra.operations.ReadinessProbe.Outcome;

/**
 * Readiness of each serving endpoint's RA certificates, {@code ra-certificates:<alias>}: until when they are valid
 * and who renews them; a warning (still UP: the endpoint serves) when they are due for renewal and scepra cannot
 * renew them or a renewal failed; DOWN once one has expired.
 */
@ApplicationScoped
public class RaCertificateProbes implements ReadinessProbes {

  private Endpoints endpoints;
  private EndpointActivation activation;

  /** For the CDI proxy only. */
  protected RaCertificateProbes() {}

  @Inject
  public RaCertificateProbes(Endpoints endpoints, EndpointActivation activation) {
    this.endpoints = endpoints;
    this.activation = activation;
  }

  @Override
  public List<ReadinessProbe> probes() {
    List<ReadinessProbe> probes = new ArrayList<>();
    for (Endpoint endpoint : endpoints.all()) {
      if (!endpoint.raCertificates().isEmpty()) {
        probes.add(ReadinessProbe.instant("ra-certificates:" + endpoint.alias(),
            () -> outcome(endpoint, activation.raCertificates(endpoint.alias()))));
      }
    }
    return probes;
  }

  @Override
  public int order() {
    return 110;
  }

  static Outcome outcome(Endpoint endpoint, Optional<RaCertificatesReport> report) {
    if (endpoint.state() instanceof EndpointState.Unavailable unavailable) {
      return Outcome.down(unavailable.reason());
    }
    List<X509Certificate> certificates = endpoint.raCertificates();
    if (certificates.isEmpty()) {
      return Outcome.down("not serving");
    }
    String validity = "encryption valid until " + certificates.get(0).getNotAfter().toInstant()
        + ", signing valid until " + certificates.get(1).getNotAfter().toInstant();
    if (report.isEmpty()) {
      return Outcome.up(validity);
    }
    RaCertificatesReport last = report.get();
    if (last.problem().isPresent()) {
      return last.status() instanceof RaLifetime.Expired ? Outcome.down(last.problem().get())
          : Outcome.up("WARNING: " + last.problem().get());
    }
    return Outcome.up(validity + (last.renewedByScepra() ? "; scepra renews them before they expire"
        : "; supplied: scepra cannot renew them, replace the RA keystore before they expire (README)"));
  }
}
