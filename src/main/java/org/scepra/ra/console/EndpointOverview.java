package org.scepra.ra.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.scepra.protocol.Capability;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.Endpoints;
import org.scepra.ra.operations.Readiness;

/** What an operator checks about each endpoint: backend, readiness, capabilities, certificates and their expiry. */
@ApplicationScoped
public class EndpointOverview {

  private Endpoints endpoints;
  private Readiness readiness;

  /** For the CDI proxy only. */
  protected EndpointOverview() {}

  @Inject
  public EndpointOverview(Endpoints endpoints, Readiness readiness) {
    this.endpoints = endpoints;
    this.readiness = readiness;
  }

  public List<EndpointView> all() {
    List<Readiness.Check> checks = readiness.checks().stream().map(Readiness.Observed::check).toList();
    return endpoints.all().stream().sorted(java.util.Comparator.comparing(Endpoint::alias))
        .map(endpoint -> view(endpoint, checks)).toList();
  }

  /** Endpoints that accept one-time challenges, for the console's mint form. */
  public List<String> withOneTimeChallenges() {
    return endpoints.all().stream().filter(e -> e.settings().authorization().oneTimeChallenges())
        .map(Endpoint::alias).sorted().toList();
  }

  private EndpointView view(Endpoint endpoint, List<Readiness.Check> checks) {
    String checkName = "backend:" + endpoint.alias() + ":";
    Optional<Readiness.Check> check = checks.stream().filter(c -> c.name().startsWith(checkName)).findFirst();
    List<CertificateView> chain = List.of();
    String chainProblem = null;
    try {
      chain = endpoint.backend().caChain(endpoint.alias()).stream().map(CertificateView::of).toList();
    } catch (RuntimeException e) {
      chainProblem = "the CA chain is unavailable now (" + e.getClass().getSimpleName() + ")";
    }
    return new EndpointView(endpoint.alias(), endpoint.settings().backend(),
        endpoint.alias().equals(endpoints.compatAlias()), check.map(Readiness.Check::up).orElse(false),
        check.map(Readiness.Check::detail).orElse("no readiness check"),
        endpoint.capabilities().stream().map(Capability::keyword).toList(), endpoint.settings().manualApproval(),
        endpoint.settings().authorization().oneTimeChallenges(), chain, chainProblem,
        endpoint.raCertificates().stream().map(CertificateView::of).toList());
  }
}
