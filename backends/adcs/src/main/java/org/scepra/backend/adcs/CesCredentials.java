package org.scepra.backend.adcs;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The UsernameToken of username auth. The password is read from the configuration for each
 * message and never kept in a field, so no settings object or log line can carry it.
 */
final class CesCredentials {

  private final Config config;
  private final String alias;
  private final String username;

  private CesCredentials(Config config, String alias, String username) {
    this.config = config;
    this.alias = alias;
    this.username = username;
  }

  /** Empty for client-certificate auth, where TLS carries the credential. */
  static Optional<CesCredentials> of(Config config, AdcsSettings settings) {
    return settings.auth() == CesAuth.USERNAME
        ? Optional.of(new CesCredentials(config, settings.alias(), settings.username().orElseThrow()))
        : Optional.empty();
  }

  String username() {
    return username;
  }

  /**
   * @throws IllegalStateException naming the key if the password vanished from the configuration
   */
  String password() {
    AdcsConfigReader reader = new AdcsConfigReader(config, alias);
    return reader.optional(AdcsSettings.PASSWORD).orElseThrow(
        () -> new IllegalStateException(reader.key(AdcsSettings.PASSWORD) + " is required with auth=username"));
  }

  @Override
  public String toString() {
    return "UsernameToken(" + username + ")";
  }
}
