package org.scepra.ra.intune;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.scepra.ra.authz.ConfigReader;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.Endpoints;

/**
 * The endpoints with {@code intune.enabled=true} and their Intune clients, built at deployment: a missing or
 * conflicting setting stops the deployment with the key named, never a failing request later.
 */
@ApplicationScoped
public class IntuneEndpoints {
  private static final Logger LOG = Logger.getLogger(IntuneEndpoints.class.getName());

  private Map<String, IntuneClient> clients;

  /** For the CDI proxy only. */
  protected IntuneEndpoints() {}

  @Inject
  public IntuneEndpoints(Config config, Endpoints endpoints) {
    this(read(config, endpoints.all(), ScepraVersion.get()));
  }

  /** The given clients by endpoint alias (wiring by hand, as tests do). */
  public IntuneEndpoints(Map<String, IntuneClient> clients) {
    this.clients = Map.copyOf(clients);
  }

  /** Builds (and so checks) the Intune endpoints when the application starts. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    clients.values().forEach(client -> LOG.info(() -> "scepra Intune endpoint ready: " + client.settings()));
  }

  public Optional<IntuneClient> client(String alias) {
    return Optional.ofNullable(clients.get(alias));
  }

  public Collection<IntuneClient> all() {
    return clients.values();
  }

  static Map<String, IntuneClient> read(Config config, Collection<Endpoint> endpoints, String version) {
    Map<String, IntuneClient> clients = new LinkedHashMap<>();
    for (Endpoint endpoint : endpoints) {
      Optional<IntuneSettings> settings = IntuneSettings.read(new ConfigReader(config, endpoint.alias()),
          endpoint.alias(), version);
      if (settings.isPresent()) {
        IntuneEndpointRules.check(endpoint.settings(), endpoint.backend());
        clients.put(endpoint.alias(), new IntuneClient(settings.get()));
      }
    }
    return clients;
  }
}
