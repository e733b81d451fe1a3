package org.scepra.ra.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * Where one endpoint's RA keys and certificates are kept: a PKCS#12 file ({@code keys=file}) or a PKCS#11 token with
 * a file of labels ({@code keys=pkcs11}). Changes happen under a file lock, so that nodes sharing the data directory
 * create or renew an identity once.
 */
interface RaKeyStore {

  /** Makes the RA identity when there is none yet (or its successor). */
  @FunctionalInterface
  interface Creator {
    RaIdentity create() throws RaIdentityUnavailable;
  }

  /** An identity and whether it was created just now (else read from the store). */
  record Loaded(RaIdentity identity, boolean created) {}

  /** The identity in the store, if there is one. */
  Optional<RaIdentity> loadIfPresent() throws IOException, GeneralSecurityException;

  /**
   * The identity in the store, or a new one from {@code creator}, stored before it is returned. Nothing is stored
   * when the creator fails, so the next call tries again.
   */
  Loaded loadOrCreate(Creator creator) throws IOException, GeneralSecurityException, RaIdentityUnavailable;

  /**
   * The identity in the store if it is still {@code current} (the one this node serves): then {@code successor}'s
   * identity is stored and returned; otherwise the one in the store (another node renewed it, or an operator replaced
   * it), unchanged.
   */
  Loaded replaceIf(RaIdentity current, Creator successor)
      throws IOException, GeneralSecurityException, RaIdentityUnavailable;

  /** What changes when the store is replaced (size, time, inode of its file): a cheap look, taken often. */
  Optional<String> stamp() throws IOException;

  /** The file an operator replaces. */
  Path file();

  static boolean sameCertificates(RaIdentity a, RaIdentity b) {
    return a.signingCertificate().equals(b.signingCertificate())
        && a.encryptionCertificate().equals(b.encryptionCertificate());
  }
}
