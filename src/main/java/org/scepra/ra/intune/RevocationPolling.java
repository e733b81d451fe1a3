package org.scepra.ra.intune;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.scepra.ra.transaction.LeaseRepository;

/**
 * Reads each Intune endpoint's revocation queue every {@code intune.revocation.poll-seconds}. Where several nodes
 * share the database, a lease there lets one node poll at a time; another takes over once it stops renewing it.
 * A failing round is logged when it starts failing and when it recovers, not at every round.
 */
@ApplicationScoped
public class RevocationPolling {
  private static final Logger LOG = Logger.getLogger(RevocationPolling.class.getName());
  /** A holder that stops renewing loses its lease this long after the round it should have run. */
  static final Duration LEASE_SLACK = Duration.ofSeconds(30);

  @Resource
  private ManagedScheduledExecutorService scheduler;

  private IntuneEndpoints endpoints;
  private IntuneRevocations revocations;
  private LeaseRepository leases;
  private final String holder = UUID.randomUUID().toString();
  private final List<ScheduledFuture<?>> rounds = new ArrayList<>();
  private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

  /** For the CDI proxy only. */
  protected RevocationPolling() {}

  @Inject
  public RevocationPolling(IntuneEndpoints endpoints, IntuneRevocations revocations, LeaseRepository leases) {
    this.endpoints = endpoints;
    this.revocations = revocations;
    this.leases = leases;
  }

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    for (IntuneClient client : endpoints.all()) {
      long seconds = client.settings().revocationPoll().toSeconds();
      if (seconds > 0) {
        synchronized (rounds) {
          rounds.add(scheduler.scheduleWithFixedDelay(() -> round(client), seconds, seconds, TimeUnit.SECONDS));
        }
      }
    }
  }

  @PreDestroy
  void stop() {
    synchronized (rounds) {
      rounds.forEach(round -> round.cancel(false));
      rounds.clear();
    }
  }

  /** One round for one endpoint, if this node holds (or now takes) its lease. */
  void round(IntuneClient client) {
    String alias = client.settings().alias();
    try {
      Instant now = Instant.now();
      if (!leases.acquire("intune-revocation:" + alias, holder, now,
          now.plus(client.settings().revocationPoll().multipliedBy(2)).plus(LEASE_SLACK))) {
        return;
      }
      int answered = revocations.process(client);
      if (Boolean.TRUE.equals(failing.put(alias, false))) {
        LOG.info(() -> "Intune revocation queue of endpoint " + alias + " is read again");
      }
      if (answered > 0) {
        LOG.fine(() -> "endpoint " + alias + ": answered " + answered + " revocation request(s) from Intune");
      }
    } catch (IntuneCallException | RuntimeException e) {
      if (!Boolean.TRUE.equals(failing.put(alias, true))) {
        LOG.log(Level.WARNING, "endpoint " + alias + ": Intune's revocation queue cannot be read, retried every "
            + client.settings().revocationPoll().toSeconds() + " s: " + e.getMessage());
      }
    }
  }
}
