package org.scepra.ra.authz;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How one endpoint authorizes requests. Challenge modes are alternatives (static OR one-time);
 * a certificate this CA issued authorizes its own renewal; the webhook and manual approval are
 * further conditions on top (AND). On an Intune endpoint ({@code intune}) Intune's validation of
 * each request replaces all of these ways of telling who the requester is.
 */
public record AuthorizationSettings(
    Optional<String> staticChallenge,
    boolean oneTimeChallenges,
    Duration oneTimeValidity,
    Renewal renewal,
    Optional<Webhook> webhook,
    Lockout lockout,
    PolicySettings policy,
    boolean intune) {

  /**
   * @param window renewal opens this long before the certificate expires; empty: any time while valid
   */
  public record Renewal(boolean enabled, Optional<Duration> window, boolean sameSubject, boolean allowKeyReuse) {}

  /** An external validator (the shape MDMs such as Intune use). */
  public record Webhook(URI url, Duration timeout, Optional<Path> truststore, Optional<String> truststorePassword,
      Optional<URI> notifyUrl) {

    @Override
    public String toString() {
      return "Webhook[url=" + url + ", timeout=" + timeout + ", notify=" + notifyUrl.isPresent() + "]";
    }
  }

  /** After {@code maxFailures} wrong challenges within {@code window}, refuse for {@code coolOff}. */
  public record Lockout(int maxFailures, Duration window, Duration coolOff) {}

  public static AuthorizationSettings read(ConfigReader config) {
    Optional<Webhook> webhook = config.string("webhook.url").map(url -> {
      URI uri = URI.create(url);
      if (!"https".equalsIgnoreCase(uri.getScheme())) {
        throw new IllegalArgumentException(config.key("webhook.url") + " must be an https URL");
      }
      return new Webhook(uri, Duration.ofMillis(config.integer("webhook.timeout-ms", 5000)),
          config.string("webhook.truststore").map(Path::of), config.string("webhook.truststore-password"),
          config.string("webhook.notify-url").map(URI::create));
    });
    int windowDays = config.integer("renewal.window-days", -1);
    return new AuthorizationSettings(
        config.string("challenge"),
        config.bool("one-time-challenges", false),
        Duration.ofSeconds(config.integer("one-time-challenge-validity-seconds", 3600)),
        new Renewal(config.bool("renewal.enabled", true),
            windowDays < 0 ? Optional.empty() : Optional.of(Duration.ofDays(windowDays)),
            config.bool("renewal.same-subject", true), config.bool("renewal.allow-key-reuse", false)),
        webhook,
        new Lockout(config.integer("lockout.max-failures", 5), Duration.ofMinutes(config.integer("lockout.window-minutes", 10)),
            Duration.ofMinutes(config.integer("lockout.cool-off-minutes", 15))),
        PolicySettings.read(config),
        config.bool("intune.enabled", false));
  }

  @Override
  public String toString() {
    return "AuthorizationSettings[staticChallenge=" + (staticChallenge.isPresent() ? "set" : "unset")
        + ", oneTimeChallenges=" + oneTimeChallenges + ", renewal=" + renewal + ", webhook=" + webhook
        + ", lockout=" + lockout + ", intune=" + intune + "]";
  }
}
