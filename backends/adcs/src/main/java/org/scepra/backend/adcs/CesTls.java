package org.scepra.backend.adcs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Collections;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.Config;

/**
 * scepra's side of the TLS connection to CES: the client key (client-certificate auth only) and
 * the certificates trusted for CES's server certificate. Passwords are read here only, and wiped
 * after use; errors name the key, never a value.
 */
final class CesTls {

  private CesTls() {}

  static SSLContext context(Config config, AdcsSettings settings) throws AdcsConfigException {
    AdcsConfigReader reader = new AdcsConfigReader(config, settings.alias());
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(reader, settings), trustManagers(reader, settings), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new AdcsConfigException("AD CS endpoint " + settings.alias() + ": cannot set up TLS ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** Null (none) unless the RA authenticates with its certificate. */
  private static KeyManager[] keyManagers(AdcsConfigReader reader, AdcsSettings settings)
      throws AdcsConfigException, GeneralSecurityException {
    if (settings.auth() != CesAuth.CLIENT_CERTIFICATE) {
      return null;
    }
    String key = reader.key(AdcsSettings.KEYSTORE);
    char[] password = reader.required(AdcsSettings.KEYSTORE_PASSWORD).toCharArray();
    try {
      KeyStore keys = load(settings.keystore().orElseThrow(), password, key);
      if (!hasKeyEntry(keys)) {
        throw new AdcsConfigException(key + " holds no private key");
      }
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, password);
      return factory.getKeyManagers();
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** Null means the JVM's default trust managers. */
  private static TrustManager[] trustManagers(AdcsConfigReader reader, AdcsSettings settings)
      throws AdcsConfigException, GeneralSecurityException {
    if (settings.truststore().isEmpty()) {
      return null;
    }
    String key = reader.key(AdcsSettings.TRUSTSTORE);
    char[] password = reader.required(AdcsSettings.TRUSTSTORE_PASSWORD).toCharArray();
    try {
      KeyStore trusted = load(settings.truststore().get(), password, key);
      if (trusted.size() == 0) {
        throw new AdcsConfigException(key + " holds no certificate");
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      return factory.getTrustManagers();
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static KeyStore load(Path file, char[] password, String key) throws AdcsConfigException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new AdcsConfigException(key + ": cannot open " + file + " as PKCS#12 (missing file or wrong password?)", e);
    }
  }

  private static boolean hasKeyEntry(KeyStore store) throws GeneralSecurityException {
    for (String alias : Collections.list(store.aliases())) {
      if (store.isKeyEntry(alias)) {
        return true;
      }
    }
    return false;
  }
}
