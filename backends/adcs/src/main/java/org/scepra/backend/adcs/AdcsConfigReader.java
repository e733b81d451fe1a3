package org.scepra.backend.adcs;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Reads one endpoint's keys under {@code scepra.endpoint.<alias>.adcs.}; every error names the full
 * key. Values are never echoed, since some of them are passwords.
 */
final class AdcsConfigReader {

  private final Config config;
  private final String prefix;

  AdcsConfigReader(Config config, String alias) {
    this.config = config;
    this.prefix = "scepra.endpoint." + alias + ".adcs.";
  }

  String key(String name) {
    return prefix + name;
  }

  static String key(String alias, String name) {
    return "scepra.endpoint." + alias + ".adcs." + name;
  }

  Optional<String> optional(String name) {
    try {
      return config.getOptionalValue(key(name), String.class).map(String::strip).filter(s -> !s.isEmpty());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  String required(String name) throws AdcsConfigException {
    return optional(name).orElseThrow(() -> new AdcsConfigException(key(name) + " is required"));
  }

  Optional<Path> path(String name) throws AdcsConfigException {
    Optional<String> value = optional(name);
    try {
      return value.map(Path::of);
    } catch (InvalidPathException e) {
      throw new AdcsConfigException(key(name) + " is not a valid path", e);
    }
  }

  /** A URL with one of the given schemes and a host, or empty when unset. */
  Optional<URI> url(String name, String... schemes) throws AdcsConfigException {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(value.get());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!List.of(schemes).contains(scheme)) {
        throw new AdcsConfigException(key(name) + " must be an " + String.join(" or ", schemes) + " URL");
      }
      if (uri.getHost() == null) {
        throw new AdcsConfigException(key(name) + " has no host");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new AdcsConfigException(key(name) + " is not a valid URL", e);
    }
  }

  /** An integer of at least {@code min}, or the default when unset. */
  int integer(String name, int defaultValue, int min) throws AdcsConfigException {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed < min) {
        throw new AdcsConfigException(key(name) + " must be at least " + min);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new AdcsConfigException(key(name) + " must be an integer", e);
    }
  }
}
