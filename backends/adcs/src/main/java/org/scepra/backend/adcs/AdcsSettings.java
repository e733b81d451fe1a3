package org.scepra.backend.adcs;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * One endpoint's AD CS settings, read from {@code scepra.endpoint.<alias>.adcs.*}. Passwords are not
 * kept here: {@link CesTls} and {@link CesCredentials} read them from the configuration when needed.
 *
 * @param alias the scepra endpoint
 * @param url the CES address, https only ({@code https://<host>/<CA name>_CES_<auth>/service.svc/CES})
 * @param auth how scepra authenticates to CES
 * @param keystore the RA's client key and certificate (PKCS#12), for client-certificate auth
 * @param username the account CES knows scepra by, for username auth
 * @param truststore the certificates trusted for CES's TLS certificate; empty: the JVM's
 * @param templates the certificate template per scepra profile
 * @param crlUrl where the CA publishes its CRL (a CDP over http or https); empty: no GetCRL
 * @param connectTimeout TCP and TLS connect timeout per call
 * @param readTimeout answer timeout per call
 * @param dataDir scepra's data directory, where the CA chain learned from CES is kept
 */
record AdcsSettings(
    String alias,
    URI url,
    CesAuth auth,
    Optional<Path> keystore,
    Optional<String> username,
    Optional<Path> truststore,
    Templates templates,
    Optional<URI> crlUrl,
    Duration connectTimeout,
    Duration readTimeout,
    Path dataDir) {

  static final String URL = "url";
  static final String AUTH = "auth";
  static final String KEYSTORE = "keystore";
  static final String KEYSTORE_PASSWORD = "keystore-password";
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String TRUSTSTORE = "truststore";
  static final String TRUSTSTORE_PASSWORD = "truststore-password";
  static final String CRL_URL = "crl-url";
  static final String CONNECT_TIMEOUT_MS = "connect-timeout-ms";
  static final String READ_TIMEOUT_MS = "read-timeout-ms";

  static AdcsSettings from(Config config, String alias) throws AdcsConfigException {
    AdcsConfigReader reader = new AdcsConfigReader(config, alias);
    URI url = reader.url(URL, "https").orElseThrow(() -> new AdcsConfigException(reader.key(URL) + " is required"));
    String authValue = reader.optional(AUTH).orElse(CesAuth.CLIENT_CERTIFICATE.value());
    CesAuth auth = CesAuth.of(authValue).orElseThrow(() -> new AdcsConfigException(
        reader.key(AUTH) + " must be " + CesAuth.CLIENT_CERTIFICATE.value() + " or " + CesAuth.USERNAME.value()));
    Optional<Path> keystore = reader.path(KEYSTORE);
    Optional<String> username = reader.optional(USERNAME);
    if (auth == CesAuth.CLIENT_CERTIFICATE) {
      keystore.orElseThrow(() -> new AdcsConfigException(reader.key(KEYSTORE) + " is required with auth=client-certificate"));
      reader.required(KEYSTORE_PASSWORD);
    } else {
      username.orElseThrow(() -> new AdcsConfigException(reader.key(USERNAME) + " is required with auth=username"));
      reader.required(PASSWORD);
    }
    return new AdcsSettings(
        alias,
        url,
        auth,
        keystore,
        username,
        reader.path(TRUSTSTORE),
        Templates.from(reader),
        reader.url(CRL_URL, "http", "https"),
        Duration.ofMillis(reader.integer(CONNECT_TIMEOUT_MS, 5_000, 1)),
        Duration.ofMillis(reader.integer(READ_TIMEOUT_MS, 15_000, 1)),
        dataDir(config));
  }

  /** As the internal CA reads it: a system property or the environment, else ~/.scepra. */
  private static Path dataDir(Config config) {
    return config.getOptionalValue("scepra.data-dir", String.class)
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".scepra"));
  }
}
