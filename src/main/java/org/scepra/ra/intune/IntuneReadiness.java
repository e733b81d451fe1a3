package org.scepra.ra.intune;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.scepra.ra.operations.ReadinessProbe;
import org.scepra.ra.operations.ReadinessProbes;

/**
 * Whether each Intune endpoint can reach its tenant: both tokens obtainable and the validation service
 * discovered. Probed at most once a minute per endpoint; in between, the last probe's answer is given.
 */
@ApplicationScoped
public class IntuneReadiness implements ReadinessProbes {
  static final Duration PROBE_INTERVAL = Duration.ofMinutes(1);

  /** One endpoint's dependency on Intune. */
  public record Status(String alias, boolean up, String detail) {}

  private record Probed(IntuneClient.Probe probe, Instant at) {}

  private IntuneEndpoints endpoints;
  private Clock clock;
  private final Map<String, Probed> last = new ConcurrentHashMap<>();

  /** For the CDI proxy only. */
  protected IntuneReadiness() {}

  @Inject
  public IntuneReadiness(IntuneEndpoints endpoints) {
    this(endpoints, Clock.systemUTC());
  }

  IntuneReadiness(IntuneEndpoints endpoints, Clock clock) {
    this.endpoints = endpoints;
    this.clock = clock;
  }

  /** One probe per Intune endpoint, {@code intune:<alias>}; it blocks on Intune at most once a minute. */
  @Override
  public List<ReadinessProbe> probes() {
    List<ReadinessProbe> probes = new ArrayList<>();
    for (IntuneClient client : endpoints.all()) {
      probes.add(ReadinessProbe.of("intune:" + client.settings().alias(), () -> {
        IntuneClient.Probe probe = probe(client);
        return new ReadinessProbe.Outcome(probe.up(), probe.detail());
      }));
    }
    return probes;
  }

  @Override
  public int order() {
    return 200;
  }

  public List<Status> statuses() {
    List<Status> statuses = new ArrayList<>();
    for (IntuneClient client : endpoints.all()) {
      IntuneClient.Probe probe = probe(client);
      statuses.add(new Status(client.settings().alias(), probe.up(), probe.detail()));
    }
    return statuses;
  }

  private IntuneClient.Probe probe(IntuneClient client) {
    String alias = client.settings().alias();
    Probed probed = last.get(alias);
    if (probed == null || !clock.instant().isBefore(probed.at().plus(PROBE_INTERVAL))) {
      synchronized (client) {
        probed = last.get(alias);
        if (probed == null || !clock.instant().isBefore(probed.at().plus(PROBE_INTERVAL))) {
          probed = new Probed(client.probe(), clock.instant());
          last.put(alias, probed);
        }
      }
    }
    return probed.probe();
  }
}
