package org.scepra.protocol;

import java.security.Provider;
import java.util.Optional;

/**
 * A preferred JCA provider, used for an algorithm only where it offers it (ACCP has no 3DES, no MD5withRSA): every
 * other algorithm goes through the JVM's default providers, as before.
 */
final class JcaProviders {

  private JcaProviders() {}

  static Optional<Provider> offering(Optional<Provider> preferred, String type, String algorithm) {
    return preferred.filter(provider -> provider.getService(type, algorithm) != null);
  }
}
