package org.scepra.ra.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The PKCS#12 file holding one endpoint's RA keys. Created once (under a file lock, so that two
 * nodes starting together on a shared directory create it once), reused on every later start.
 * Without a configured password a random one is generated and kept beside it, owner-readable only.
 */
final class RaKeyStoreFile {
  static final String SIGNING = "ra-signing";
  static final String ENCRYPTION = "ra-encryption";

  private final Path file;
  private final Optional<String> configuredPassword;

  RaKeyStoreFile(Path file, Optional<String> configuredPassword) {
    this.file = file;
    this.configuredPassword = configuredPassword;
  }

  RaIdentity loadOrCreate(Supplier<RaIdentity> creator) throws IOException, GeneralSecurityException {
    Files.createDirectories(file.getParent());
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      char[] password = password();
      if (Files.exists(file)) {
        return load(password);
      }
      RaIdentity identity = creator.get();
      store(identity, password);
      return identity;
    }
  }

  private RaIdentity load(char[] password) throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      keyStore.load(in, password);
    } catch (IOException e) {
      throw new IOException("cannot open RA keystore " + file + " (wrong password?)", e);
    }
    return new RaIdentity(
        (X509Certificate) keyStore.getCertificate(SIGNING), (PrivateKey) keyStore.getKey(SIGNING, password),
        (X509Certificate) keyStore.getCertificate(ENCRYPTION), (PrivateKey) keyStore.getKey(ENCRYPTION, password));
  }

  private void store(RaIdentity identity, char[] password) throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    keyStore.setKeyEntry(SIGNING, identity.signingKey(), password, new Certificate[] {identity.signingCertificate()});
    keyStore.setKeyEntry(ENCRYPTION, identity.encryptionKey(), password,
        new Certificate[] {identity.encryptionCertificate()});
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

  private static Path ownerOnlyFile(Path path) throws IOException {
    Files.deleteIfExists(path);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return Files.createFile(path);
  }
}
