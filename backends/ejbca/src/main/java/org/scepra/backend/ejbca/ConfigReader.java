package org.scepra.backend.ejbca;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Reads one endpoint's keys under {@code scepra.endpoint.<alias>.ejbca.}; every error names the
 * full key so that it can be shown as the backend's health. Values are never echoed, since some of
 * them are passwords.
 */
final class ConfigReader {

  private final Config config;
  private final String prefix;

  ConfigReader(Config config, String alias) {
    this.config = config;
    this.prefix = "scepra.endpoint." + alias + ".ejbca.";
  }

  String key(String name) {
    return prefix + name;
  }

  Optional<String> optional(String name) {
    try {
      return config.getOptionalValue(key(name), String.class).map(String::strip).filter(s -> !s.isEmpty());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  String required(String name) throws EjbcaConfigException {
    return optional(name).orElseThrow(() -> new EjbcaConfigException(key(name) + " is required"));
  }

  Optional<Path> path(String name) throws EjbcaConfigException {
    Optional<String> value = optional(name);
    try {
      return value.map(Path::of);
    } catch (InvalidPathException e) {
      throw new EjbcaConfigException(key(name) + " is not a valid path", e);
    }
  }

  /** An integer of at least {@code min}, or the default when unset. */
  int integer(String name, int defaultValue, int min) throws EjbcaConfigException {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed < min) {
        throw new EjbcaConfigException(key(name) + " must be at least " + min);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new EjbcaConfigException(key(name) + " must be an integer", e);
    }
  }
}
