package org.scepra.backend.ejbca;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * One endpoint's EJBCA settings, read from {@code scepra.endpoint.<alias>.ejbca.*}. Passwords are
 * not kept here: {@link ClientTls} reads them only while it opens the keystores.
 *
 * @param alias the scepra endpoint
 * @param url EjbcaWS's address, https only (the client certificate is the RA's credential)
 * @param keystore the RA's client key and certificate (PKCS#12)
 * @param truststore the CA certificates trusted for EJBCA's TLS certificate (PKCS#12); empty for
 *     the JVM's default trust store
 * @param caName the issuing CA's name in EJBCA
 * @param endEntityProfile the end entity profile for every enrolment
 * @param profiles the certificate profile per scepra profile
 * @param usernames how end entities are named
 * @param connectTimeout TCP connect timeout per call
 * @param readTimeout TLS handshake and response timeout per call
 * @param chainCacheTtl how long a fetched CA chain is served before it is fetched again
 */
record EjbcaSettings(
    String alias,
    URI url,
    Path keystore,
    Optional<Path> truststore,
    String caName,
    String endEntityProfile,
    CertificateProfiles profiles,
    UsernamePolicy usernames,
    Duration connectTimeout,
    Duration readTimeout,
    Duration chainCacheTtl) {

  static final String URL = "url";
  static final String KEYSTORE = "keystore";
  static final String KEYSTORE_PASSWORD = "keystore-password";
  static final String TRUSTSTORE = "truststore";
  static final String TRUSTSTORE_PASSWORD = "truststore-password";
  static final String CA_NAME = "ca-name";
  static final String END_ENTITY_PROFILE = "end-entity-profile";
  static final String CONNECT_TIMEOUT_MS = "connect-timeout-ms";
  static final String READ_TIMEOUT_MS = "read-timeout-ms";
  static final String CHAIN_CACHE_SECONDS = "ca-chain-cache-seconds";

  static EjbcaSettings from(Config config, String alias) throws EjbcaConfigException {
    ConfigReader reader = new ConfigReader(config, alias);
    return new EjbcaSettings(
        alias,
        url(reader),
        reader.path(KEYSTORE).orElseThrow(() -> new EjbcaConfigException(reader.key(KEYSTORE) + " is required")),
        reader.path(TRUSTSTORE),
        reader.required(CA_NAME),
        reader.required(END_ENTITY_PROFILE),
        new CertificateProfiles(reader),
        UsernamePolicy.from(reader),
        Duration.ofMillis(reader.integer(CONNECT_TIMEOUT_MS, 5_000, 1)),
        Duration.ofMillis(reader.integer(READ_TIMEOUT_MS, 15_000, 1)),
        Duration.ofSeconds(reader.integer(CHAIN_CACHE_SECONDS, 300, 0)));
  }

  private static URI url(ConfigReader reader) throws EjbcaConfigException {
    String value = reader.required(URL);
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
        throw new EjbcaConfigException(reader.key(URL) + " must be an https URL");
      }
      if (uri.getHost() == null) {
        throw new EjbcaConfigException(reader.key(URL) + " has no host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new EjbcaConfigException(reader.key(URL) + " is not a valid URL", e);
    }
  }
}
