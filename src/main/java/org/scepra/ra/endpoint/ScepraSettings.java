package org.scepra.ra.endpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

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
    String prefix = "scepra.endpoint." + alias + ".";
    boolean legacyDefault = config.getOptionalValue(LEGACY_ALGORITHMS, Boolean.class).orElse(false);
    return new EndpointSettings(
        alias,
        config.getOptionalValue(prefix + "backend", String.class).orElse(DEFAULT_BACKEND),
        config.getOptionalValue(prefix + "challenge", String.class).filter(s -> !s.isEmpty()),
        config.getOptionalValue(prefix + "legacy-algorithms", Boolean.class).orElse(legacyDefault),
        Duration.ofDays(config.getOptionalValue(prefix + "validity-days", Integer.class).orElse(365)),
        approval(alias, config.getOptionalValue(prefix + "approval", String.class).orElse("auto")),
        raCertificates(alias, config.getOptionalValue(prefix + "ra-certificates", String.class).orElse("backend")));
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
