package org.scepra.ra.endpoint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.scepra.spi.Backend;
import org.scepra.spi.CaBackend;
import org.scepra.spi.CryptoProviders;

/**
 * All configured endpoints, built at deployment. A configuration error (unknown backend, bad alias)
 * stops the deployment with a clear message rather than failing requests. Each endpoint starts
 * unavailable; {@link EndpointActivation} gives it its RA identity.
 */
@ApplicationScoped
public class Endpoints {
  private static final Logger LOG = Logger.getLogger(Endpoints.class.getName());

  private Map<String, Endpoint> byAlias;
  private String compatAlias;

  /** For the CDI proxy only. */
  protected Endpoints() {}

  @Inject
  public Endpoints(Config config, @Any Instance<CaBackend> backends, CryptoProviders providers) {
    ScepraSettings settings = new ScepraSettings(config);
    Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    for (String alias : settings.aliases()) {
      EndpointSettings endpoint = settings.endpoint(alias);
      endpoints.put(alias, new Endpoint(endpoint, backend(backends, endpoint), providers));
      LOG.info(() -> "scepra endpoint configured: " + endpoint);
    }
    this.compatAlias = settings.compatAlias();
    if (!endpoints.containsKey(compatAlias)) {
      throw new IllegalStateException(ScepraSettings.COMPAT_ALIAS + " names no configured endpoint: " + compatAlias);
    }
    this.byAlias = Map.copyOf(endpoints);
  }

  /** Builds the endpoints when the application starts, not on the first request. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.fine(() -> byAlias.size() + " endpoint(s) configured");
  }

  public Optional<Endpoint> find(String alias) {
    return Optional.ofNullable(byAlias.get(alias));
  }

  public java.util.Collection<Endpoint> all() {
    return byAlias.values();
  }

  public String compatAlias() {
    return compatAlias;
  }

  private static CaBackend backend(Instance<CaBackend> backends, EndpointSettings endpoint) {
    Instance<CaBackend> selected = backends.select(Backend.Literal.of(endpoint.backend()));
    if (!selected.isResolvable()) {
      throw new IllegalStateException("endpoint '" + endpoint.alias() + "': unknown backend '" + endpoint.backend() + "'");
    }
    return selected.get();
  }
}
