package org.scepra.ra.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.scepra.spi.KeyToken;

/**
 * One endpoint's RA keys in a PKCS#11 token ({@code scepra.endpoint.<alias>.keys=pkcs11}): each key is stored in the
 * token with its certificate under a label; the data directory holds only {@code ra/<alias>.pkcs11}, which names the
 * labels in use (no key, no secret). Keys an administrator put in the token under {@code scepra-ra-<alias>-signing}
 * and {@code scepra-ra-<alias>-encryption} (each with its certificate) are used when that file does not exist yet.
 */
final class RaTokenKeyStore implements RaKeyStore {
  static final String SIGNING = "signing";
  static final String ENCRYPTION = "encryption";
  static final String RETIRED = "retired.";

  private final Path file;
  private final String alias;
  private final KeyToken token;

  RaTokenKeyStore(Path directory, String alias, KeyToken token) {
    this.file = directory.resolve(alias + ".pkcs11");
    this.alias = alias;
    this.token = token;
  }

  /** The label an administrator gives an RA key created outside scepra. */
  static String adminLabel(String alias, String role) {
    return "scepra-ra-" + alias + "-" + role;
  }

  @Override
  public Optional<RaIdentity> loadIfPresent() throws IOException, GeneralSecurityException {
    try (FileChannel channel = RaKeyStoreFile.lockChannel(file); FileLock lock = RaKeyStoreFile.lock(channel)) {
      return load();
    }
  }

  @Override
  public Loaded loadOrCreate(Creator creator) throws IOException, GeneralSecurityException, RaIdentityUnavailable {
    try (FileChannel channel = RaKeyStoreFile.lockChannel(file); FileLock lock = RaKeyStoreFile.lock(channel)) {
      Optional<RaIdentity> existing = load();
      if (existing.isPresent()) {
        return new Loaded(existing.get(), false);
      }
      RaIdentity created = creator.create();
      store(created, Set.of());
      return new Loaded(created, true);
    }
  }

  @Override
  public Loaded replaceIf(RaIdentity current, Creator successor)
      throws IOException, GeneralSecurityException, RaIdentityUnavailable {
    try (FileChannel channel = RaKeyStoreFile.lockChannel(file); FileLock lock = RaKeyStoreFile.lock(channel)) {
      Optional<RaIdentity> stored = load();
      if (stored.isPresent() && !RaKeyStore.sameCertificates(stored.get(), current)) {
        return new Loaded(stored.get(), false);
      }
      Set<String> before = new HashSet<>();
      if (Files.exists(file)) {
        labels().values().forEach(label -> before.add((String) label));
      }
      RaIdentity created = successor.create();
      store(created, before);
      return new Loaded(created, true);
    }
  }

  @Override
  public Optional<String> stamp() throws IOException {
    return RaKeyStoreFile.stampOf(file);
  }

  @Override
  public Path file() {
    return file;
  }

  private Optional<RaIdentity> load() throws IOException, GeneralSecurityException {
    if (!Files.exists(file)) {
      return adopt();
    }
    Properties labels = labels();
    KeyToken.Entry signing = entry(labels.getProperty(SIGNING));
    KeyToken.Entry encryption = entry(labels.getProperty(ENCRYPTION));
    List<RaIdentity.Retired> retired = new ArrayList<>();
    for (int i = 1; labels.containsKey(RETIRED + i); i++) {
      KeyToken.Entry old = entry(labels.getProperty(RETIRED + i));
      retired.add(new RaIdentity.Retired(old.certificate(), old.key()));
    }
    return Optional.of(new RaIdentity(signing.certificate(), signing.key(), encryption.certificate(), encryption.key(),
        retired));
  }

  /** Keys an administrator created in the token: used, and their labels written down. */
  private Optional<RaIdentity> adopt() throws IOException, GeneralSecurityException {
    Optional<KeyToken.Entry> signing = token.find(adminLabel(alias, SIGNING));
    Optional<KeyToken.Entry> encryption = token.find(adminLabel(alias, ENCRYPTION));
    if (signing.isEmpty() || encryption.isEmpty()) {
      return Optional.empty();
    }
    Properties labels = new Properties();
    labels.setProperty(SIGNING, adminLabel(alias, SIGNING));
    labels.setProperty(ENCRYPTION, adminLabel(alias, ENCRYPTION));
    write(labels);
    return Optional.of(new RaIdentity(signing.get().certificate(), signing.get().key(),
        encryption.get().certificate(), encryption.get().key()));
  }

  private KeyToken.Entry entry(String label) throws GeneralSecurityException {
    if (label == null) {
      throw new GeneralSecurityException(file + " names no label for an RA key");
    }
    return token.find(label).orElseThrow(() -> new GeneralSecurityException("the PKCS#11 token has no key labelled '"
        + label + "', which " + file + " names"));
  }

  /**
   * Stores the new keys in the token (the retired ones are there already), then the file naming them; then removes
   * the keys scepra generated that nothing names any more.
   */
  private void store(RaIdentity identity, Set<String> labelsBefore) throws IOException, GeneralSecurityException {
    Properties labels = new Properties();
    labels.setProperty(SIGNING, place(identity.signingCertificate(), identity.signingKey(), SIGNING));
    labels.setProperty(ENCRYPTION, place(identity.encryptionCertificate(), identity.encryptionKey(), ENCRYPTION));
    for (int i = 0; i < identity.retired().size(); i++) {
      X509Certificate old = identity.retired().get(i).certificate();
      Optional<String> label = token.labelOf(old);
      if (label.isPresent()) {
        labels.setProperty(RETIRED + (i + 1), label.get());
      }
    }
    write(labels);
    Set<String> unused = new HashSet<>(labelsBefore);
    unused.removeAll(labels.values());
    for (String label : unused) {
      if (!label.equals(adminLabel(alias, SIGNING)) && !label.equals(adminLabel(alias, ENCRYPTION))) {
        token.delete(label);
      }
    }
  }

  /** The key's label: already in the token (an administrator's), or a new one named after its certificate. */
  private String place(X509Certificate certificate, java.security.PrivateKey key, String role)
      throws GeneralSecurityException {
    Optional<String> existing = token.labelOf(certificate);
    if (existing.isPresent()) {
      return existing.get();
    }
    String label = adminLabel(alias, role) + "-" + serial(certificate.getSerialNumber());
    token.store(label, key, certificate);
    return label;
  }

  private static String serial(BigInteger serial) {
    return serial.toString(16);
  }

  private Properties labels() throws IOException {
    Properties labels = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      labels.load(in);
    }
    return labels;
  }

  private void write(Properties labels) throws IOException {
    Path temporary = RaKeyStoreFile.ownerOnlyFile(file.resolveSibling(file.getFileName() + ".tmp"));
    try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.SYNC)) {
      labels.store(out, "labels of endpoint " + alias + "'s RA keys in the PKCS#11 token (keys stay in the token)");
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
