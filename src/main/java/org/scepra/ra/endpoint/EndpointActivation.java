package org.scepra.ra.endpoint;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.scepra.ra.audit.AuditEvent;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.hsm.Pkcs11Token;
import org.scepra.ra.identity.RaIdentities;
import org.scepra.spi.KeyToken;

/**
 * Starts every endpoint's RA bootstrap ({@link RaBootstrap}) when the application starts and stops it with the
 * application. Attempts run on a scheduler of their own, made of the server's managed threads: an attempt can wait
 * for a slow CA (EJBCA's read timeout), and Payara's default managed scheduler has a single thread, which the
 * embedded database's housekeeping also needs; endpoints are tried in parallel, so the internal CA's serve when the
 * deployment ends.
 */
@ApplicationScoped
public class EndpointActivation {

  /**
   * The deployment waits this long at most for endpoints without RA certificates to get them, so that a backend that
   * answers at once serves from the start; a CA that is down or slow does not hold the deployment longer.
   */
  static final Duration FIRST_ATTEMPTS_WAIT = Duration.ofSeconds(60);
  /** Endpoints tried at the same time. */
  static final int THREADS = 4;

  @Resource
  private ManagedThreadFactory threadFactory;

  private Endpoints endpoints;
  private Config config;
  private AuditLog audit;
  private Pkcs11Token token;
  private ScheduledThreadPoolExecutor scheduler;
  private RaBootstrap bootstrap;
  private RaRenewal renewal;

  /** For the CDI proxy only. */
  protected EndpointActivation() {}

  @Inject
  public EndpointActivation(Endpoints endpoints, Config config, AuditLog audit, Pkcs11Token token) {
    this.endpoints = endpoints;
    this.config = config;
    this.audit = audit;
    this.token = token;
  }

  /** The last look at an endpoint's RA certificates (readiness, metrics); empty before the first. */
  public Optional<RaCertificatesReport> raCertificates(String alias) {
    RaRenewal current = renewal;
    return current == null ? Optional.empty() : current.report(alias).map(RaCertificatesReport::of);
  }

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    ScepraSettings settings = new ScepraSettings(config);
    Set<String> inToken = RaKeysSetting.inToken(config, endpoints.all(), token.configured());
    RaIdentities identities = new RaIdentities(settings.dataDir().resolve("ra"), settings.raKeystorePassword(),
        settings.raKeySize(), Clock.systemUTC(),
        alias -> inToken.contains(alias) ? Optional.of((KeyToken) token) : Optional.empty());
    scheduler = new ScheduledThreadPoolExecutor(THREADS, threadFactory);
    scheduler.setRemoveOnCancelPolicy(true);
    Map<String, Duration> renewBefore = RenewBeforeDays.read(config, endpoints.all());
    bootstrap = new RaBootstrap(identities, scheduler, Backoff.DEFAULT, FIRST_ATTEMPTS_WAIT, Clock.systemUTC());
    renewal = new RaRenewal(identities, renewBefore::get, (alias, action, outcome, reason) -> audit.record(
        new AuditEvent(action, null, alias, null, null, null, null, outcome, null, reason, null)),
        Clock.systemUTC(), bootstrap::takeOut);
    bootstrap.start(endpoints.all());
    scheduler.scheduleWithFixedDelay(() -> endpoints.all().forEach(renewal::look), 0,
        RaRenewal.INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** An attempt still running is interrupted; nothing half-written stays (keystores are written, then renamed). */
  @PreDestroy
  void stop() {
    if (bootstrap != null) {
      bootstrap.stop();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
