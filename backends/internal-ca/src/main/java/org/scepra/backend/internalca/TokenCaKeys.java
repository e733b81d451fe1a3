package org.scepra.backend.internalca;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.scepra.spi.CryptoProviders;
import org.scepra.spi.KeyToken;

/**
 * The internal CA's keys in a PKCS#11 token ({@code scepra.internal-ca.keys=pkcs11}): generation 1's key is labelled
 * {@code scepra-ca-<folder>} after the CA's folder ({@code scepra-ca-internal-ca} by default), generation n's
 * {@code scepra-ca-<folder>-g<n>}; each stored with its certificate. The folder then holds certificates only.
 */
record TokenCaKeys(KeyToken token, String baseLabel) {

  TokenCaKeys {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(baseLabel, "baseLabel");
  }

  static TokenCaKeys of(KeyToken token, Path caDirectory) {
    return new TokenCaKeys(token, "scepra-ca-" + caDirectory.getFileName());
  }

  /** One generation's entry in the token. */
  record Entry(KeyToken token, String label) {}

  Entry entry(int generation) {
    return new Entry(token, generation == 1 ? baseLabel : baseLabel + "-g" + generation);
  }

  /** A new CA key pair, generated inside the token (non-extractable). */
  KeyPair generate(int bits) throws GeneralSecurityException {
    return token.generateRsa(bits);
  }

  /** Signs with a key of the token, through the token's provider. */
  ContentSigner signer(String algorithm, PrivateKey key) throws GeneralSecurityException, OperatorCreationException {
    return new JcaContentSignerBuilder(algorithm).setProvider(token.provider()).build(key);
  }

  /** Who performs a token key's operations: the token's provider. */
  CryptoProviders providers() throws GeneralSecurityException {
    var provider = token.provider();
    return key -> Optional.of(provider);
  }
}
