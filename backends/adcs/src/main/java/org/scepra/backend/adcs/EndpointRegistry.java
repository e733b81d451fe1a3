package org.scepra.backend.adcs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.eclipse.microprofile.config.Config;

/**
 * Builds each endpoint's CES client on first use, so that a misconfigured endpoint makes only
 * itself unavailable (its health names the key) instead of failing the deployment. A failure is
 * remembered and retried at most every {@link #RETRY}, so a broken keystore is not re-read and
 * re-logged on every request.
 */
final class EndpointRegistry {

  static final Duration RETRY = Duration.ofSeconds(30);

  private final Config config;
  private final Clock clock;
  private final Map<String, AdcsEndpoint> ready = new ConcurrentHashMap<>();
  private final Map<String, Failure> failures = new ConcurrentHashMap<>();

  private record Failure(String message, Instant at) {}

  EndpointRegistry(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * @throws AdcsConfigException naming the offending key
   */
  AdcsEndpoint endpoint(String alias) throws AdcsConfigException {
    AdcsEndpoint endpoint = ready.get(alias);
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
        throw new AdcsConfigException(last.message());
      }
      try {
        endpoint = create(alias);
      } catch (AdcsConfigException | RuntimeException e) {
        String message = e instanceof AdcsConfigException ? e.getMessage() : "AD CS endpoint " + alias + ": " + e;
        failures.put(alias, new Failure(message, clock.instant()));
        AdcsLog.error("AD CS endpoint {0} is not usable: {1}", alias, message);
        throw e instanceof AdcsConfigException invalid ? invalid : new AdcsConfigException(message, e);
      }
      failures.remove(alias);
      ready.put(alias, endpoint);
      AdcsLog.info("AD CS endpoint {0}: CES {1}, {2} auth", alias, endpoint.settings().url(),
          endpoint.settings().auth().value());
      return endpoint;
    }
  }

  private AdcsEndpoint create(String alias) throws AdcsConfigException {
    AdcsSettings settings = AdcsSettings.from(config, alias);
    SSLContext tls = CesTls.context(config, settings);
    CesClient ces = new CesClient(settings, tls, CesCredentials.of(config, settings));
    return new AdcsEndpoint(settings, ces, new CaChain(settings), new CdpCrl(settings, tls));
  }
}
