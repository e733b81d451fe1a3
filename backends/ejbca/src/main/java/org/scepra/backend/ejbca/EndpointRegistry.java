package org.scepra.backend.ejbca;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.microprofile.config.Config;

/**
 * Builds each endpoint's EJBCA client on first use, so that a misconfigured endpoint makes only
 * itself unavailable (visible in its health) instead of failing the deployment. A failure is
 * remembered and retried at most every {@link #RETRY}, so a broken keystore is not re-read and
 * re-logged on every request.
 */
final class EndpointRegistry {

  static final Duration RETRY = Duration.ofSeconds(30);

  private final Config config;
  private final Clock clock;
  private final Map<String, EjbcaEndpoint> ready = new ConcurrentHashMap<>();
  private final Map<String, Failure> failures = new ConcurrentHashMap<>();

  private record Failure(String message, Instant at) {}

  EndpointRegistry(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * @throws EjbcaConfigException naming the offending key
   */
  EjbcaEndpoint endpoint(String alias) throws EjbcaConfigException {
    EjbcaEndpoint endpoint = ready.get(alias);
    if (endpoint != null) {
      return endpoint;
    }
    synchronized (this) {
      endpoint = ready.get(alias);
      if (endpoint != null) {
        return endpoint;
      }
      Failure last = failures.get(alias);
      if (last != null && clock.instant().isBefore(last.at().plus(RETRY))) {
        throw new EjbcaConfigException(last.message());
      }
      try {
        endpoint = create(alias);
      } catch (EjbcaConfigException | RuntimeException e) {
        // RuntimeException: e.g. a keystore path the file system cannot even name
        String message = e instanceof EjbcaConfigException ? e.getMessage() : "EJBCA endpoint " + alias + ": " + e;
        failures.put(alias, new Failure(message, clock.instant()));
        EjbcaLog.error("EJBCA endpoint {0} is not usable: {1}", alias, message);
        throw e instanceof EjbcaConfigException config ? config : new EjbcaConfigException(message, e);
      }
      failures.remove(alias);
      ready.put(alias, endpoint);
      EjbcaLog.info("EJBCA endpoint {0}: {1}, CA {2}", alias, endpoint.settings().url(), endpoint.settings().caName());
      return endpoint;
    }
  }

  private EjbcaEndpoint create(String alias) throws EjbcaConfigException {
    EjbcaSettings settings = EjbcaSettings.from(config, alias);
    SSLSocketFactory tls = ClientTls.socketFactory(config, settings);
    EjbcaCalls calls = new EjbcaCalls(EjbcaPortFactory.create(settings, tls));
    return new EjbcaEndpoint(settings, calls, new CaChainCache(settings, calls, clock));
  }
}
