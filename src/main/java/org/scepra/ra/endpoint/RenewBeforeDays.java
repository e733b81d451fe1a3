package org.scepra.ra.endpoint;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/** {@code scepra.endpoint.<alias>.ra.renew-before-days}: how long before expiry RA certificates are renewed. */
final class RenewBeforeDays {
  static final int DEFAULT = 30;
  static final int MAX = 3650;

  private RenewBeforeDays() {}

  static String key(String alias) {
    return "scepra.endpoint." + alias + ".ra.renew-before-days";
  }

  /**
   * @throws IllegalStateException naming the key if a value is not a whole number from 1 to {@link #MAX}
   */
  static Map<String, Duration> read(Config config, Collection<Endpoint> endpoints) {
    Map<String, Duration> days = new LinkedHashMap<>();
    for (Endpoint endpoint : endpoints) {
      String key = key(endpoint.alias());
      String value = config.getOptionalValue(key, String.class).map(String::strip).orElse(String.valueOf(DEFAULT));
      int parsed;
      try {
        parsed = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalStateException(key + " must be a whole number of days, not '" + value + "'", e);
      }
      if (parsed < 1 || parsed > MAX) {
        throw new IllegalStateException(key + " must be from 1 to " + MAX + " days, not " + parsed);
      }
      days.put(endpoint.alias(), Duration.ofDays(parsed));
    }
    return Map.copyOf(days);
  }
}
