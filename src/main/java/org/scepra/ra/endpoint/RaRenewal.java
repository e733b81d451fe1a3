package org.scepra.ra.endpoint;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.scepra.ra.identity.RaCertificateCheck;
import org.scepra.ra.identity.RaIdentities;
import org.scepra.ra.identity.RaIdentities.Renewability;
import org.scepra.ra.identity.RaIdentity;
import org.scepra.ra.identity.RaIdentityUnavailable;
import org.scepra.ra.identity.RaLifetime;

/**
 * Watches the RA identity of each serving endpoint, every {@link #INTERVAL}: picks up a keystore that another node
 * renewed or an operator replaced (without a restart), renews the RA certificates {@code ra.renew-before-days} before
 * they expire where scepra can (the backend issued them, or they are self-signed), warns (log and audit) where it
 * cannot, and takes an endpoint out of service when a certificate has expired. The previous encryption key keeps
 * opening requests of clients that cached GetCACert until its certificate expires.
 */
final class RaRenewal {
  private static final Logger LOG = Logger.getLogger(RaRenewal.class.getName());

  /** How often each endpoint is looked at: a look is a file stat and two dates, and a renewal at most. */
  static final Duration INTERVAL = Duration.ofSeconds(15);
  /** A warning that stays true is repeated this often. */
  static final Duration WARN_EVERY = Duration.ofDays(1);

  /** What operators see per endpoint (readiness, metrics). */
  record Report(RaLifetime.Status status, Renewability renewability, Optional<String> problem, Instant at) {}

  /** Where warnings and renewals go besides the log: the audit log. */
  interface Audit {
    void record(String alias, String event, String outcome, String reason);
  }

  private final RaIdentities identities;
  private final Function<String, Duration> renewBefore;
  private final Audit audit;
  private final Clock clock;
  /** Takes an endpoint whose certificate expired out of service and lets the RA bootstrap try again. */
  private final java.util.function.BiConsumer<Endpoint, String> takeOut;
  private final Map<String, Optional<String>> stamps = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastWarning = new ConcurrentHashMap<>();
  private final Map<String, Report> reports = new ConcurrentHashMap<>();

  RaRenewal(RaIdentities identities, Function<String, Duration> renewBefore, Audit audit, Clock clock,
      java.util.function.BiConsumer<Endpoint, String> takeOut) {
    this.identities = identities;
    this.renewBefore = renewBefore;
    this.audit = audit;
    this.clock = clock;
    this.takeOut = takeOut;
  }

  Optional<Report> report(String alias) {
    return Optional.ofNullable(reports.get(alias));
  }

  /** One look at one endpoint; never throws (the scheduler would stop calling it). */
  void look(Endpoint endpoint) {
    try {
      Optional<RaIdentity> serving = endpoint.servingIdentity();
      if (serving.isEmpty()) {
        stamps.remove(endpoint.alias()); // the RA bootstrap owns it; look at the file afresh once it serves
        return;
      }
      RaIdentity current = pickUpReplacedKeystore(endpoint, serving.get());
      lifetime(endpoint, current);
      refreshCaChain(endpoint);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "endpoint '" + endpoint.alias() + "': looking at its RA certificates failed", e);
    }
  }

  /** Serves the keystore's identity if the file changed and holds other certificates (kept: the previous key). */
  private RaIdentity pickUpReplacedKeystore(Endpoint endpoint, RaIdentity current) {
    String alias = endpoint.alias();
    Optional<String> stamp;
    try {
      stamp = identities.stamp(alias);
    } catch (IOException e) {
      LOG.warning("endpoint '" + alias + "': cannot look at its RA keystore: " + e.getMessage());
      return current;
    }
    Optional<String> seen = stamps.put(alias, stamp);
    if (seen == null || seen.equals(stamp)) {
      return current; // first look, or unchanged
    }
    Optional<RaIdentity> stored;
    try {
      stored = identities.existing(alias);
    } catch (IOException | GeneralSecurityException e) {
      LOG.warning("endpoint '" + alias + "': its RA keystore changed but cannot be read (still serving the RA "
          + "certificates it had): " + e.getMessage());
      return current;
    }
    if (stored.isEmpty() || sameCertificates(stored.get(), current)) {
      return current;
    }
    RaIdentity next = current.succeededBy(stored.get(), clock.instant());
    if (RaCertificateCheck.check(next) instanceof RaCertificateCheck.Unusable unusable) {
      LOG.warning("endpoint '" + alias + "': its RA keystore was replaced with unusable RA certificates (still "
          + "serving the ones it had): " + unusable.describe());
      return current;
    }
    endpoint.activate(next);
    LOG.info(() -> "endpoint '" + alias + "' serves the RA certificates now in its keystore: " + next);
    audit.record(alias, "ra-identity", "SUCCESS", "picked up the RA keystore's new certificates, "
        + RaLifetime.name(next));
    return next;
  }

  private void lifetime(Endpoint endpoint, RaIdentity current) {
    String alias = endpoint.alias();
    Instant now = clock.instant();
    RaLifetime.Status status = RaLifetime.of(current, now, renewBefore.apply(alias));
    if (status instanceof RaLifetime.Valid) {
      Renewability renewability = reports.containsKey(alias) ? reports.get(alias).renewability()
          : identities.renewability(alias, current, endpoint.backend(), endpoint.settings().selfSignedRaCertificates());
      reports.put(alias, new Report(status, renewability, Optional.empty(), now));
      lastWarning.remove(alias);
      return;
    }
    Renewability renewability = identities.renewability(alias, current, endpoint.backend(),
        endpoint.settings().selfSignedRaCertificates());
    String what = status instanceof RaLifetime.Expired expired ? RaLifetime.expiredReason(expired)
        : status.certificate() + " expires at " + status.notAfter();
    Optional<String> problem;
    if (renewability instanceof RaIdentities.Renewable) {
      problem = renew(endpoint, current, what);
      if (problem.isEmpty()) {
        return;
      }
    } else {
      problem = Optional.of(what + "; " + (renewability instanceof RaIdentities.Supplied supplied ? supplied.advice()
          : "cannot renew it now: " + ((RaIdentities.Unknown) renewability).reason()));
      warnAtMostDaily(alias, problem.get());
    }
    reports.put(alias, new Report(status, renewability, problem, now));
    if (status instanceof RaLifetime.Expired) {
      takeOut.accept(endpoint, problem.get());
    }
  }

  /** @return the problem if the renewal failed */
  private Optional<String> renew(Endpoint endpoint, RaIdentity current, String why) {
    String alias = endpoint.alias();
    try {
      RaIdentity renewed = identities.renew(alias, endpoint.backend(), endpoint.settings().selfSignedRaCertificates(),
          current);
      endpoint.activate(renewed);
      stamps.put(alias, identities.stamp(alias));
      lastWarning.remove(alias);
      RaLifetime.Status status = RaLifetime.of(renewed, clock.instant(), renewBefore.apply(alias));
      reports.put(alias, new Report(status, new RaIdentities.Renewable(), Optional.empty(), clock.instant()));
      LOG.info(() -> "endpoint '" + alias + "': RA certificates renewed (" + why + "); now serving " + renewed);
      audit.record(alias, "ra-renewal", "SUCCESS", why + "; renewed: " + RaLifetime.name(renewed));
      return Optional.empty();
    } catch (RaIdentityUnavailable | IOException e) {
      String problem = why + "; renewing it failed: " + e.getMessage();
      warnAtMostDaily(alias, problem);
      return Optional.of(problem);
    }
  }

  private void warnAtMostDaily(String alias, String problem) {
    Instant now = clock.instant();
    Instant last = lastWarning.get(alias);
    if (last != null && now.isBefore(last.plus(WARN_EVERY))) {
      return;
    }
    lastWarning.put(alias, now);
    LOG.warning("endpoint '" + alias + "': " + problem);
    audit.record(alias, "ra-certificate-expiring", "WARNING", problem);
  }

  /** Keeps the CA chain's expiry in the metrics current, also when nobody asks GetCACert. */
  private static void refreshCaChain(Endpoint endpoint) {
    try {
      endpoint.caCertificates();
    } catch (RuntimeException e) {
      // the CA is unavailable, or the endpoint just stopped serving: readiness reports both
    }
  }

  private static boolean sameCertificates(RaIdentity a, RaIdentity b) {
    return a.signingCertificate().equals(b.signingCertificate())
        && a.encryptionCertificate().equals(b.encryptionCertificate());
  }
}
