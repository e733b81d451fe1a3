package org.scepra.ra.endpoint;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/** {@code scepra.endpoint.<alias>.keys}: where an endpoint's RA keys live, {@code file} (default) or {@code pkcs11}. */
final class RaKeysSetting {

  private RaKeysSetting() {}

  static String key(String alias) {
    return "scepra.endpoint." + alias + ".keys";
  }

  /**
   * The endpoints whose RA keys live in the PKCS#11 token.
   *
   * @param tokenConfigured whether {@code scepra.pkcs11.library} is set
   * @throws IllegalStateException naming the key of an invalid value, or pkcs11 without a token
   */
  static Set<String> inToken(Config config, Collection<Endpoint> endpoints, boolean tokenConfigured) {
    Set<String> aliases = new HashSet<>();
    for (Endpoint endpoint : endpoints) {
      String key = key(endpoint.alias());
      String value = config.getOptionalValue(key, String.class).map(v -> v.strip().toLowerCase(Locale.ROOT))
          .orElse("file");
      switch (value) {
        case "file" -> { }
        case "pkcs11" -> {
          if (!tokenConfigured) {
            throw new IllegalStateException(key + "=pkcs11, but no PKCS#11 token is configured "
                + "(scepra.pkcs11.library)");
          }
          aliases.add(endpoint.alias());
        }
        default -> throw new IllegalStateException(key + " must be file or pkcs11, not '" + value + "'");
      }
    }
    return Set.copyOf(aliases);
  }
}
