package org.scepra.ra.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PKCS#12 file holding one endpoint's RA keys. Created once (under a file lock, so that two
 * nodes starting together on a shared directory create it once), reused on every later start.
 * Without a configured password a random one is generated and kept beside it, owner-readable only.
 */
final class RaKeyStoreFile implements RaKeyStore {
  static final String SIGNING = "ra-signing";
  static final String ENCRYPTION = "ra-encryption";
  /** Entries {@code ra-encryption-retired-1..}: encryption keys a renewal replaced (see {@link RaIdentity#retired}). */
  static final String RETIRED = "ra-encryption-retired-";
  private static final long LOCK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

  private final Path file;
  private final Optional<String> configuredPassword;

  RaKeyStoreFile(Path file, Optional<String> configuredPassword) {
    this.file = file;
    this.configuredPassword = configuredPassword;
  }

  @Override
  public Optional<RaIdentity> loadIfPresent() throws IOException, GeneralSecurityException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (FileChannel channel = lockChannel(); FileLock lock = lock(channel)) {
      return Files.exists(file) ? Optional.of(load(password())) : Optional.empty();
    }
  }

  @Override
  public Loaded loadOrCreate(Creator creator) throws IOException, GeneralSecurityException, RaIdentityUnavailable {
    try (FileChannel channel = lockChannel(); FileLock lock = lock(channel)) {
      char[] password = password();
      if (Files.exists(file)) {
        return new Loaded(load(password), false);
      }
      RaIdentity identity = creator.create();
      store(identity, password);
      return new Loaded(identity, true);
    }
  }

  @Override
  public Loaded replaceIf(RaIdentity current, Creator successor)
      throws IOException, GeneralSecurityException, RaIdentityUnavailable {
    try (FileChannel channel = lockChannel(); FileLock lock = lock(channel)) {
      char[] password = password();
      if (Files.exists(file)) {
        RaIdentity stored = load(password);
        if (!RaKeyStore.sameCertificates(stored, current)) {
          return new Loaded(stored, false);
        }
      }
      RaIdentity identity = successor.create();
      store(identity, password);
      return new Loaded(identity, true);
    }
  }

  @Override
  public Optional<String> stamp() throws IOException {
    return stampOf(file);
  }

  static Optional<String> stampOf(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
    return Optional.of(attributes.lastModifiedTime() + "/" + attributes.size() + "/" + attributes.fileKey());
  }

  @Override
  public Path file() {
    return file;
  }

  private FileChannel lockChannel() throws IOException {
    return lockChannel(file);
  }

  /** The channel of {@code <file>.lock}, which guards {@code file} across nodes. */
  static FileChannel lockChannel(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  /**
   * Waits for the file lock. The JVM refuses a second lock on the same file at once rather than waiting, which
   * happens when a redeployment starts while the previous deployment still holds it: wait for that one too.
   */
  static FileLock lock(FileChannel channel) throws IOException {
    long deadline = System.nanoTime() + LOCK_TIMEOUT_NANOS;
    while (true) {
      try {
        return channel.lock();
      } catch (OverlappingFileLockException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException("the RA keystore stays locked by another deployment in this JVM", e);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the RA keystore's lock", interrupted);
        }
      }
    }
  }

  private RaIdentity load(char[] password) throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      keyStore.load(in, password);
    } catch (IOException e) {
      throw new IOException("cannot open RA keystore " + file + " (wrong password?)", e);
    }
    java.util.List<RaIdentity.Retired> retired = new java.util.ArrayList<>();
    for (int i = 1; keyStore.containsAlias(RETIRED + i); i++) {
      retired.add(new RaIdentity.Retired(certificate(keyStore, RETIRED + i), key(keyStore, RETIRED + i, password)));
    }
    return new RaIdentity(certificate(keyStore, SIGNING), key(keyStore, SIGNING, password),
        certificate(keyStore, ENCRYPTION), key(keyStore, ENCRYPTION, password), retired);
  }

  private X509Certificate certificate(KeyStore keyStore, String entry) throws GeneralSecurityException {
    if (keyStore.getCertificate(entry) instanceof X509Certificate certificate) {
      return certificate;
    }
    throw new KeyStoreException("RA keystore " + file + " has no X.509 certificate in entry " + entry);
  }

  private PrivateKey key(KeyStore keyStore, String entry, char[] password) throws GeneralSecurityException {
    if (keyStore.getKey(entry, password) instanceof PrivateKey key) {
      return key;
    }
    throw new KeyStoreException("RA keystore " + file + " has no private key in entry " + entry);
  }

  private void store(RaIdentity identity, char[] password) throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    keyStore.setKeyEntry(SIGNING, identity.signingKey(), password, new Certificate[] {identity.signingCertificate()});
    keyStore.setKeyEntry(ENCRYPTION, identity.encryptionKey(), password,
        new Certificate[] {identity.encryptionCertificate()});
    for (int i = 0; i < identity.retired().size(); i++) {
      RaIdentity.Retired retired = identity.retired().get(i);
      keyStore.setKeyEntry(RETIRED + (i + 1), retired.key(), password, new Certificate[] {retired.certificate()});
    }
    Path temporary = ownerOnlyFile(file.resolveSibling(file.getFileName() + ".tmp"));
    try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC)) {
      keyStore.store(out, password);
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
  }

  private char[] password() throws IOException {
    if (configuredPassword.isPresent()) {
      return configuredPassword.get().toCharArray();
    }
    Path passwordFile = file.resolveSibling(file.getFileName() + ".pass");
    if (!Files.exists(passwordFile)) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      Path temporary = ownerOnlyFile(passwordFile.resolveSibling(passwordFile.getFileName() + ".tmp"));
      Files.writeString(temporary, Base64.getEncoder().encodeToString(random), StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(temporary, passwordFile, StandardCopyOption.ATOMIC_MOVE);
    }
    return Files.readString(passwordFile, StandardCharsets.US_ASCII).trim().toCharArray();
  }

  static Path ownerOnlyFile(Path path) throws IOException {
    Files.deleteIfExists(path);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return Files.createFile(path);
  }
}
