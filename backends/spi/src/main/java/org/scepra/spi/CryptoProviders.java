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

  /**
   * The key to hand to {@link #forKey(PrivateKey)}'s provider: its own copy of {@code key}, or {@code key} itself
   * where there is no preferred provider or it cannot copy it. Call it once per key and keep the result: a provider
   * given another provider's key object converts it again on every operation (for ACCP that conversion cost as much
   * as the RSA signature it then made twice as fast).
   */
  default PrivateKey keyFor(PrivateKey key) {
    return key;
  }
}
