package org.scepra.spi;

import java.security.PrivateKey;
import java.security.Provider;
import java.util.Optional;

/**
 * Which JCA provider performs the operations of one private key: signatures and decryption with it, and the hashing
 * around them. scepra supplies the one implementation as a CDI bean, chosen by {@code scepra.crypto.provider}; a
 * backend that signs with a key of its own injects it instead of picking a provider, so that its RSA goes where the
 * operator configured. The choice is per key: a key held by a token (PKCS#11) stays with its own provider.
 */
public interface CryptoProviders {

  /** The JVM's default providers for every key (tests, tools). */
  CryptoProviders JVM_DEFAULTS = key -> Optional.empty();

  /** The provider preferred for this key; empty: the JVM's default providers. */
  Optional<Provider> forKey(PrivateKey key);

  /**
   * {@link #forKey(PrivateKey)} where it offers {@code algorithm} of {@code type} (JCA names, e.g. {@code Signature},
   * {@code SHA256withRSA}); empty otherwise, so that an algorithm it lacks still works through the JVM's providers.
   */
  default Optional<Provider> forKey(PrivateKey key, String type, String algorithm) {
    return forKey(key).filter(provider -> provider.getService(type, algorithm) != null);
  }
}
