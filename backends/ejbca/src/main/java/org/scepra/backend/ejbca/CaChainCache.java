package org.scepra.backend.ejbca;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The issuing CA's chain, fetched with getLastCAChain and kept for {@code ca-chain-cache-seconds}:
 * GetCACert is asked often and the chain rarely changes. If a refresh fails, the chain already
 * known keeps being served (CA certificates do not become wrong because EJBCA is down) and the
 * refresh is retried after at most {@link #RETRY_AFTER_FAILURE}.
 */
final class CaChainCache {

  static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

  private final EjbcaSettings settings;
  private final EjbcaCalls calls;
  private final Clock clock;
  private List<X509Certificate> chain; // guarded by this
  private Instant refreshAt = Instant.MIN; // guarded by this

  CaChainCache(EjbcaSettings settings, EjbcaCalls calls, Clock clock) {
    this.settings = settings;
    this.calls = calls;
    this.clock = clock;
  }

  /**
   * Callers wait while one of them refreshes (bounded by the endpoint's timeouts), so that an
   * expired cache costs EJBCA one call, not one per waiting GetCACert.
   *
   * @throws IllegalStateException if no chain was ever fetched and EJBCA cannot give one now
   */
  synchronized List<X509Certificate> get() {
    Instant now = clock.instant();
    if (chain != null && now.isBefore(refreshAt)) {
      return chain;
    }
    try {
      store(fetch(), now);
      return chain;
    } catch (EjbcaCallException e) {
      EjbcaLog.failed(settings.alias(), "-", e);
      if (chain == null) {
        throw new IllegalStateException(
            "EJBCA endpoint " + settings.alias() + ": no CA chain for " + settings.caName() + " (" + e.reason() + ")", e);
      }
      Duration retry = settings.chainCacheTtl().compareTo(RETRY_AFTER_FAILURE) < 0 ? settings.chainCacheTtl() : RETRY_AFTER_FAILURE;
      refreshAt = now.plus(retry);
      EjbcaLog.warning("EJBCA endpoint {0}: serving the cached CA chain of {1}", settings.alias(), settings.caName());
      return chain;
    }
  }

  /** The chain if it can be had, else empty; for answers where the chain is a courtesy. */
  List<X509Certificate> getOrEmpty() {
    try {
      return get();
    } catch (IllegalStateException e) {
      return List.of();
    }
  }

  /** Fetches the chain now, bypassing and then updating the cache (health probes). */
  List<X509Certificate> refresh() throws EjbcaCallException {
    List<X509Certificate> fresh = fetch();
    synchronized (this) {
      store(fresh, clock.instant());
    }
    return fresh;
  }

  private List<X509Certificate> fetch() throws EjbcaCallException {
    List<X509Certificate> fresh = calls.lastCaChain(settings.caName());
    if (fresh.isEmpty()) {
      throw EjbcaCallException.failed("getLastCAChain", new IllegalStateException("EJBCA returned an empty chain"));
    }
    return fresh;
  }

  private void store(List<X509Certificate> fresh, Instant now) {
    chain = fresh;
    refreshAt = now.plus(settings.chainCacheTtl());
  }
}
