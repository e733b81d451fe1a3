package org.scepra.ra.intune;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.scepra.ra.authz.ConfigReader;

/**
 * One Intune endpoint's connection to its tenant, from {@code scepra.endpoint.<alias>.intune.*}.
 *
 * @param tenant the tenant's GUID or {@code name.onmicrosoft.com}
 * @param clientId the app registration's application (client) id
 * @param clientSecret the app registration's client secret; never logged
 * @param loginUrl Entra ID's token authority, ending with '/'
 * @param graphUrl Microsoft Graph's base URL, ending with '/'
 * @param timeout the connect and the answer timeout of every call
 * @param providerName sent to Intune as callerInfo
 * @param revocationPoll how often Intune's revocation queue is read; zero: never
 * @param throttleWait how long one call may wait, in all, for services that throttle it (HTTP 429); zero: not at all
 */
public record IntuneSettings(String alias, String tenant, String clientId, String clientSecret, URI loginUrl,
    URI graphUrl, Optional<Path> truststore, Optional<String> truststorePassword, Duration timeout,
    String providerName, Duration revocationPoll, Duration throttleWait) {

  static final String ENABLED = "intune.enabled";
  static final String DEFAULT_LOGIN_URL = "https://login.microsoftonline.com/";
  static final String DEFAULT_GRAPH_URL = "https://graph.microsoft.com/";
  /** A tenant goes into the token URL's path, so it may only be a GUID or a domain name. */
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

  /** Empty unless {@code intune.enabled=true}; an incomplete or invalid setting names its key. */
  public static Optional<IntuneSettings> read(ConfigReader config, String alias, String version) {
    if (!config.bool(ENABLED, false)) {
      return Optional.empty();
    }
    String tenant = required(config, "intune.tenant");
    if (!TENANT.matcher(tenant).matches()) {
      throw new IllegalArgumentException(config.key("intune.tenant")
          + " must be the tenant's GUID or its domain (name.onmicrosoft.com), not '" + tenant + "'");
    }
    Optional<Path> truststore = config.string("intune.truststore").map(Path::of);
    Optional<String> truststorePassword = config.string("intune.truststore-password");
    if (truststore.isPresent() && truststorePassword.isEmpty()) {
      throw new IllegalArgumentException(config.key("intune.truststore-password") + " is required with "
          + config.key("intune.truststore"));
    }
    int timeoutMs = config.integer("intune.timeout-ms", 15000);
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException(config.key("intune.timeout-ms") + " must be positive");
    }
    int throttleWaitMs = config.integer("intune.throttle-wait-ms", 10000);
    if (throttleWaitMs < 0) {
      throw new IllegalArgumentException(config.key("intune.throttle-wait-ms") + " must be 0 (never wait) or more");
    }
    int pollSeconds = config.integer("intune.revocation.poll-seconds", 300);
    if (pollSeconds < 0) {
      throw new IllegalArgumentException(config.key("intune.revocation.poll-seconds") + " must be 0 (off) or more");
    }
    return Optional.of(new IntuneSettings(alias, tenant, required(config, "intune.client-id"),
        required(config, "intune.client-secret"), baseUrl(config, "intune.login-url", DEFAULT_LOGIN_URL),
        baseUrl(config, "intune.graph-url", DEFAULT_GRAPH_URL), truststore, truststorePassword,
        Duration.ofMillis(timeoutMs), config.string("intune.provider-name").orElse("scepra/" + version),
        Duration.ofSeconds(pollSeconds), Duration.ofMillis(throttleWaitMs)));
  }

  private static String required(ConfigReader config, String name) {
    return config.string(name).orElseThrow(() -> new IllegalArgumentException(
        config.key(name) + " is required when " + config.key(ENABLED) + "=true"));
  }

  /** An https URL that paths are appended to: always ending with '/'. */
  private static URI baseUrl(ConfigReader config, String name, String fallback) {
    String value = config.string(name).orElse(fallback);
    URI uri;
    try {
      uri = URI.create(value.endsWith("/") ? value : value + "/");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(config.key(name) + " is not a URL: " + value);
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null) {
      throw new IllegalArgumentException(config.key(name) + " must be an https URL without a query, not " + value);
    }
    return uri;
  }

  @Override
  public String toString() {
    return "IntuneSettings[alias=" + alias + ", tenant=" + tenant + ", clientId=" + clientId + ", loginUrl="
        + loginUrl + ", graphUrl=" + graphUrl + ", truststore=" + truststore.orElse(null) + ", timeout=" + timeout
        + ", providerName=" + providerName + ", revocationPoll=" + revocationPoll + ", throttleWait=" + throttleWait + "]";
  }
}
