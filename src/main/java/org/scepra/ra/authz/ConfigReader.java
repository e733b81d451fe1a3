package org.scepra.ra.authz;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.eclipse.microprofile.config.Config;

/** Typed reads of one endpoint's keys, with errors that name the key. */
public final class ConfigReader {
  private final Config config;
  private final String prefix;

  public ConfigReader(Config config, String alias) {
    this.config = config;
    this.prefix = "scepra.endpoint." + alias + ".";
  }

  public String key(String name) {
    return prefix + name;
  }

  public Optional<String> string(String name) {
    return config.getOptionalValue(key(name), String.class).map(String::trim).filter(s -> !s.isEmpty());
  }

  public boolean bool(String name, boolean fallback) {
    return string(name).map(value -> switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(key(name) + " must be true or false, not '" + value + "'");
    }).orElse(fallback);
  }

  public int integer(String name, int fallback) {
    return string(name).map(value -> {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key(name) + " must be a whole number, not '" + value + "'");
      }
    }).orElse(fallback);
  }

  public List<String> list(String name, List<String> fallback) {
    return string(name).map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(fallback);
  }

  public Optional<Pattern> pattern(String name) {
    return string(name).map(value -> {
      try {
        return Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(key(name) + " is not a valid regular expression: " + e.getDescription());
      }
    });
  }
}
