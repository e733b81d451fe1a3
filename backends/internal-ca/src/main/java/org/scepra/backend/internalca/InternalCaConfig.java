package org.scepra.backend.internalca;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The internal CA's settings as read from MicroProfile Config. Parsing errors name the key, so
 * they can be shown as the backend's health.
 *
 * @param keystore the PKCS#12 file
 * @param password where the keystore password comes from
 * @param settings how to create the CA and sign
 * @param crlValidity from a CRL's thisUpdate to its nextUpdate
 */
record InternalCaConfig(
    Path keystore, KeystorePassword password, CaSettings settings, Duration crlValidity, boolean keysInToken) {

  static final String DATA_DIR = "scepra.data-dir";
  static final String PREFIX = "scepra.internal-ca.";
  static final String KEYSTORE = PREFIX + "keystore";
  static final String KEYSTORE_PASSWORD = PREFIX + "keystore-password";
  static final String SUBJECT = PREFIX + "subject";
  static final String KEY_SIZE = PREFIX + "key-size";
  static final String VALIDITY_DAYS = PREFIX + "validity-days";
  static final String SIGNATURE_ALGORITHM = PREFIX + "signature-algorithm";
  static final String BACKDATE_MINUTES = PREFIX + "backdate-minutes";
  static final String CRL_VALIDITY_HOURS = PREFIX + "crl-validity-hours";
  static final String KEYS = PREFIX + "keys";

  static final int DEFAULT_CRL_VALIDITY_HOURS = 24;

  /** The CA's folder under the shared data directory. */
  static final String CA_DIR = "internal-ca";
  static final String KEYSTORE_FILE = "ca.p12";

  /**
   * Reads and checks the configuration.
   *
   * @throws IllegalArgumentException naming the offending key if a value is invalid
   */
  static InternalCaConfig from(Config config) {
    return from(config, null);
  }

  /**
   * As {@link #from(Config)}, for an endpoint that may have a CA of its own ({@code
   * scepra.endpoint.<alias>.internal-ca.keystore}); endpoints naming one keystore share one CA.
   */
  static InternalCaConfig from(Config config, String alias) {
    Path dataDir =
        string(config, DATA_DIR)
            .map(Path::of)
            .orElseGet(() -> Path.of(System.getProperty("user.home"), ".scepra"));
    Optional<String> own =
        alias == null ? Optional.empty() : string(config, endpointKeystoreKey(alias));
    Path keystore =
        own.or(() -> string(config, KEYSTORE))
            .map(Path::of)
            .orElse(dataDir.resolve(CA_DIR).resolve(KEYSTORE_FILE));
    // Never echoed anywhere: only its presence is looked at.
    KeystorePassword password =
        string(config, KEYSTORE_PASSWORD)
            .map(secret -> KeystorePassword.of(secret.toCharArray()))
            .orElseGet(() -> KeystorePassword.file(CaKeyStore.passwordFileFor(keystore)));
    CaSettings settings =
        new CaSettings(
            string(config, SUBJECT).orElse(CaSettings.DEFAULT_SUBJECT),
            integer(config, KEY_SIZE, CaSettings.DEFAULT_KEY_SIZE),
            integer(config, VALIDITY_DAYS, CaSettings.DEFAULT_VALIDITY_DAYS),
            string(config, SIGNATURE_ALGORITHM).orElse(CaSettings.DEFAULT_SIGNATURE_ALGORITHM),
            Duration.ofMinutes(
                integer(config, BACKDATE_MINUTES, (int) CaSettings.DEFAULT_BACKDATE.toMinutes())));
    int crlHours = integer(config, CRL_VALIDITY_HOURS, DEFAULT_CRL_VALIDITY_HOURS);
    if (crlHours <= 0) {
      throw new IllegalArgumentException(CRL_VALIDITY_HOURS + " must be positive, was " + crlHours);
    }
    String keys = string(config, KEYS).orElse("file").toLowerCase(java.util.Locale.ROOT);
    if (!keys.equals("file") && !keys.equals("pkcs11")) {
      throw new IllegalArgumentException(KEYS + " must be file or pkcs11, not '" + keys + "'");
    }
    return new InternalCaConfig(keystore, password, settings, Duration.ofHours(crlHours), keys.equals("pkcs11"));
  }

  /** The key naming an endpoint's own CA keystore. */
  static String endpointKeystoreKey(String alias) {
    return "scepra.endpoint." + alias + ".internal-ca.keystore";
  }

  /** The CA's own directory: revocations and the CRL number are kept next to the keystore. */
  Path caDirectory() {
    return keystore.toAbsolutePath().normalize().getParent();
  }

  private static Optional<String> string(Config config, String key) {
    return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
  }

  private static int integer(Config config, String key, int defaultValue) {
    Optional<String> value = string(config, key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, was '" + value.get() + "'", e);
    }
  }
}
