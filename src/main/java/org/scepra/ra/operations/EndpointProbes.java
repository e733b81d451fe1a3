package org.scepra.ra.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.EndpointState;
import org.scepra.ra.endpoint.Endpoints;
import org.scepra.ra.identity.RaIdentity;
import org.scepra.ra.operations.ReadinessProbe.Outcome;
import org.scepra.spi.BackendHealth;

/**
 * Readiness of each endpoint: {@code endpoint:<alias>} (serving with its RA certificates, or why not) and
 * {@code backend:<alias>:<backend>} (the backend's own health probe).
 */
@ApplicationScoped
public class EndpointProbes implements ReadinessProbes {

  private Endpoints endpoints;

  /** For the CDI proxy only. */
  protected EndpointProbes() {}

  @Inject
  public EndpointProbes(Endpoints endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public List<ReadinessProbe> probes() {
    List<ReadinessProbe> probes = new ArrayList<>();
    for (Endpoint endpoint : endpoints.all()) {
      probes.add(ReadinessProbe.instant("endpoint:" + endpoint.alias(), () -> serving(endpoint)));
      probes.add(ReadinessProbe.of("backend:" + endpoint.alias() + ":" + endpoint.settings().backend(),
          () -> backend(endpoint)));
    }
    return probes;
  }

  @Override
  public int order() {
    return 100;
  }

  static Outcome serving(Endpoint endpoint) {
    EndpointState state = endpoint.state();
    if (state instanceof EndpointState.Unavailable unavailable) {
      return Outcome.down("not serving since " + unavailable.since() + ": " + unavailable.reason()
          + unavailable.nextAttempt().map(next -> "; next attempt at " + next).orElse(""));
    }
    RaIdentity identity = ((EndpointState.Serving) state).identity();
    Instant signingUntil = identity.signingCertificate().getNotAfter().toInstant();
    Instant encryptionUntil = identity.encryptionCertificate().getNotAfter().toInstant();
    return Outcome.up("serving; RA certificates issued by "
        + identity.signingCertificate().getIssuerX500Principal().getName() + ", signing valid until " + signingUntil
        + ", encryption valid until " + encryptionUntil);
  }

  private static Outcome backend(Endpoint endpoint) {
    try {
      BackendHealth health = endpoint.backend().health(endpoint.alias());
      return new Outcome(health.up(), health.detail());
    } catch (RuntimeException e) {
      return Outcome.down("health probe failed: " + e.getClass().getSimpleName());
    }
  }
}
