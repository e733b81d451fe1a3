package org.scepra.ra.endpoint;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.scepra.ra.identity.RaIdentities;

/**
 * Starts every endpoint's RA bootstrap ({@link RaBootstrap}) when the application starts, on the server's managed
 * scheduler, and stops it with the application.
 */
@ApplicationScoped
public class EndpointActivation {

  /**
   * The deployment waits this long at most for endpoints without RA certificates to get them, so that a backend that
   * answers at once serves from the start; a CA that is down or slow does not hold the deployment longer.
   */
  static final Duration FIRST_ATTEMPTS_WAIT = Duration.ofSeconds(30);

  @Resource
  private ManagedScheduledExecutorService scheduler;

  private Endpoints endpoints;
  private Config config;
  private RaBootstrap bootstrap;

  /** For the CDI proxy only. */
  protected EndpointActivation() {}

  @Inject
  public EndpointActivation(Endpoints endpoints, Config config) {
    this.endpoints = endpoints;
    this.config = config;
  }

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    ScepraSettings settings = new ScepraSettings(config);
    RaIdentities identities = new RaIdentities(
        settings.dataDir().resolve("ra"), settings.raKeystorePassword(), settings.raKeySize());
    bootstrap = new RaBootstrap(identities, scheduler, Backoff.DEFAULT, FIRST_ATTEMPTS_WAIT, Clock.systemUTC());
    bootstrap.start(endpoints.all());
  }

  @PreDestroy
  void stop() {
    if (bootstrap != null) {
      bootstrap.stop();
    }
  }
}
