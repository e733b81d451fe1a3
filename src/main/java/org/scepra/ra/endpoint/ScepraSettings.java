package org.scepra.ra.endpoint;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.scepra.ra.authz.AuthorizationSettings;
import org.scepra.ra.authz.ConfigReader;
import org.scepra.ra.enroll.ProfileSettings;

/**
 * Reads scepra's configuration keys. Every key is public API and documented in the README; the
 * defaults here and there must agree.
 */
public final class ScepraSettings {

  public static final String DATA_DIR = "scepra.data-dir";
  public static final String ENDPOINTS = "scepra.endpoints";
  public static final String COMPAT_ALIAS = "scepra.compat-alias";
  public static final String LEGACY_ALGORITHMS = "scepra.legacy-algorithms";
  public static final String DEFAULT_ALIAS = "default";
  public static final String DEFAULT_BACKEND = "internal-ca";

  private final Config config;

  public ScepraSettings(Config config) {
    this.config = config;
  }

  public Path dataDir() {
    return Path.of(config.getOptionalValue(DATA_DIR, String.class)
        .orElse(System.getProperty("user.home") + "/.scepra"));
  }

  public List<String> aliases() {
    String list = config.getOptionalValue(ENDPOINTS, String.class).orElse(DEFAULT_ALIAS);
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
  }

  /** The endpoint served at the paths clients hard-code ({@code /cgi-bin/pkiclient.exe}, NDES's). */
  public String compatAlias() {
    return config.getOptionalValue(COMPAT_ALIAS, String.class).orElse(DEFAULT_ALIAS);
  }

  public EndpointSettings endpoint(String alias) {
    ConfigReader endpoint = new ConfigReader(config, alias);
    boolean legacyDefault = config.getOptionalValue(LEGACY_ALGORITHMS, Boolean.class).orElse(false);
    return new EndpointSettings(
        alias,
        endpoint.string("backend").orElse(DEFAULT_BACKEND),
        endpoint.bool("legacy-algorithms", legacyDefault),
        approval(alias, endpoint.string("approval").orElse("auto")),
        raCertificates(alias, endpoint.string("ra-certificates").orElse("backend")),
        AuthorizationSettings.read(endpoint),
        ProfileSettings.read(endpoint));
  }

  private static boolean raCertificates(String alias, String value) {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "backend" -> false;
      case "self-signed" -> true;
      default -> throw new IllegalArgumentException(
          "scepra.endpoint." + alias + ".ra-certificates must be backend or self-signed, not '" + value + "'");
    };
  }

  private static boolean approval(String alias, String value) {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "auto" -> false;
      case "manual" -> true;
      default -> throw new IllegalArgumentException(
          "scepra.endpoint." + alias + ".approval must be auto or manual, not '" + value + "'");
    };
  }

  public Optional<String> raKeystorePassword() {
    return config.getOptionalValue("scepra.ra.keystore-password", String.class);
  }

  public int raKeySize() {
    return config.getOptionalValue("scepra.ra.key-size", Integer.class).orElse(2048);
  }
}
