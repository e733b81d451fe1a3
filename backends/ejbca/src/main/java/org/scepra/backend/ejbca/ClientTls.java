package org.scepra.backend.ejbca;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.Config;

/**
 * The RA's side of mutual TLS: its client key from a PKCS#12 keystore, and the certificates it
 * trusts for EJBCA's server certificate. Passwords are read from the configuration only here and
 * wiped after use; errors name the key, never a value.
 */
final class ClientTls {

  private ClientTls() {}

  static SSLSocketFactory socketFactory(Config config, EjbcaSettings settings) throws EjbcaConfigException {
    ConfigReader reader = new ConfigReader(config, settings.alias());
    char[] keyPassword = reader.required(EjbcaSettings.KEYSTORE_PASSWORD).toCharArray();
    try {
      KeyStore keys = load(settings.keystore(), keyPassword, reader.key(EjbcaSettings.KEYSTORE));
      if (!hasKeyEntry(keys)) {
        throw new EjbcaConfigException(reader.key(EjbcaSettings.KEYSTORE) + " holds no private key");
      }
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, keyPassword);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers(reader, settings), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new EjbcaConfigException(
          reader.key(EjbcaSettings.KEYSTORE) + ": cannot use the client key (" + e.getClass().getSimpleName() + ")", e);
    } finally {
      Arrays.fill(keyPassword, '\0');
    }
  }

  /** Null means the JVM's default trust managers. */
  private static TrustManager[] trustManagers(ConfigReader reader, EjbcaSettings settings)
      throws EjbcaConfigException, GeneralSecurityException {
    if (settings.truststore().isEmpty()) {
      return null;
    }
    char[] password = reader.required(EjbcaSettings.TRUSTSTORE_PASSWORD).toCharArray();
    try {
      KeyStore trusted = load(settings.truststore().get(), password, reader.key(EjbcaSettings.TRUSTSTORE));
      if (trusted.size() == 0) {
        throw new EjbcaConfigException(reader.key(EjbcaSettings.TRUSTSTORE) + " holds no certificate");
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      return factory.getTrustManagers();
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static KeyStore load(Path file, char[] password, String key) throws EjbcaConfigException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      // a wrong password shows up as an IOException too; the cause's class tells them apart in logs
      throw new EjbcaConfigException(
          key + ": cannot open " + file + " as PKCS#12 (missing file or wrong password?)", e);
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
