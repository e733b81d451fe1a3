package org.scepra.backend.internalca;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * The files of the CA generations after the first, one folder each next to the first CA's keystore:
 * {@code generation-<n>/ca.p12} (key and certificate, same password as the first; {@code ca.pem}, the certificate
 * only, when the key is in a PKCS#11 token), {@code
 * activate-at} (ISO-8601), {@code links.pem}, and later its own {@code revocations.csv} and {@code
 * crl-number}. The keystore is written last, so a folder without it is an interrupted rollover and
 * is ignored (and overwritten by the next).
 */
final class GenerationFiles {

  static final String PREFIX = "generation-";
  static final String ACTIVATE_AT = "activate-at";
  static final String LINKS = "links.pem";

  private final Path caDirectory;
  private final KeystorePassword password;
  private final CaSettings settings;
  private final java.util.Optional<TokenCaKeys> token;

  GenerationFiles(Path caDirectory, KeystorePassword password, CaSettings settings) {
    this(caDirectory, password, settings, java.util.Optional.empty());
  }

  /** @param token the token holding the keys ({@code scepra.internal-ca.keys=pkcs11}); empty: keystores */
  GenerationFiles(Path caDirectory, KeystorePassword password, CaSettings settings,
      java.util.Optional<TokenCaKeys> token) {
    this.caDirectory = Objects.requireNonNull(caDirectory, "caDirectory");
    this.password = Objects.requireNonNull(password, "password");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.token = Objects.requireNonNull(token, "token");
  }

  /** Generation {@code number}'s key store: its keystore, or its certificate and the token. */
  private CaKeyStore store(Path dir, int number) {
    return new CaKeyStore(keystore(dir), settings, java.time.Clock.systemUTC(), token.map(t -> t.entry(number)));
  }

  /** The numbers of the complete generations after the first, in ascending order. */
  List<Integer> numbers() throws IOException {
    List<Integer> numbers = new ArrayList<>();
    if (!Files.isDirectory(caDirectory)) {
      return numbers;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(caDirectory, PREFIX + "*")) {
      for (Path dir : dirs) {
        String suffix = dir.getFileName().toString().substring(PREFIX.length());
        if (suffix.matches("[1-9][0-9]{0,5}")
            && Files.isRegularFile(store(dir, Integer.parseInt(suffix)).marker())) {
          numbers.add(Integer.parseInt(suffix));
        }
      }
    }
    numbers.sort(null);
    return numbers;
  }

  CaGeneration load(int number) throws InternalCaException {
    Path dir = directory(number);
    CaIdentity identity = store(dir, number).loadExisting(password);
    try {
      Instant activateAt =
          Instant.parse(Files.readString(dir.resolve(ACTIVATE_AT), StandardCharsets.US_ASCII).strip());
      return new CaGeneration(number, identity, activateAt, readLinks(dir.resolve(LINKS)), dir);
    } catch (IOException | DateTimeParseException | CertificateException e) {
      throw new InternalCaException(
          "CA generation " + number + " in " + dir + " is unreadable: " + e.getMessage(), e);
    }
  }

  /** Writes a new generation; its keystore last, so that it only counts once complete. */
  CaGeneration write(
      int number, CaIdentity identity, Instant activateAt, List<X509Certificate> links)
      throws IOException, InternalCaException {
    Path dir = directory(number);
    OwnerOnlyFiles.createDirectories(dir);
    OwnerOnlyFiles.writeAtomically(
        dir.resolve(ACTIVATE_AT),
        out -> out.write((activateAt + "\n").getBytes(StandardCharsets.US_ASCII)));
    OwnerOnlyFiles.writeAtomically(
        dir.resolve(LINKS),
        out -> {
          // Flushed, not closed: writeAtomically still syncs the stream.
          JcaPEMWriter pem = new JcaPEMWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII));
          for (X509Certificate link : links) {
            pem.writeObject(link);
          }
          pem.flush();
        });
    store(dir, number).store(identity, password);
    return new CaGeneration(number, identity, activateAt, links, dir);
  }

  Path directory(int number) {
    return caDirectory.resolve(PREFIX + number);
  }

  private static Path keystore(Path dir) {
    return dir.resolve(InternalCaConfig.KEYSTORE_FILE);
  }

  private static List<X509Certificate> readLinks(Path file)
      throws IOException, CertificateException {
    List<X509Certificate> links = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        links.add((X509Certificate) certificate);
      }
    }
    return links;
  }
}
