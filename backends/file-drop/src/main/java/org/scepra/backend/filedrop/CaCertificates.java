package org.scepra.backend.filedrop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The issuing CA's chain from the {@code ca-certificate} file. Read when first needed and again
 * whenever the file changes, so it may be put in place (or renewed) while the server runs.
 */
final class CaCertificates {

  private static final int MAX_BYTES = 1 << 20;

  private final Path file;
  private volatile Loaded loaded;

  /** What was read, and the file attributes it was read with. */
  private record Loaded(
      FileTime modified, long size, Object fileKey, List<X509Certificate> chain) {}

  CaCertificates(Path file) {
    this.file = file;
  }

  /**
   * The issuing CA first, then its issuers.
   *
   * @throws IllegalStateException naming the file and what is wrong with it
   */
  List<X509Certificate> chain() {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw unusable("cannot be read (" + e + ")", e);
    }
    Loaded current = loaded;
    if (current != null
        && current.modified().equals(attributes.lastModifiedTime())
        && current.size() == attributes.size()
        && Objects.equals(current.fileKey(), attributes.fileKey())) {
      return current.chain();
    }
    List<X509Certificate> chain = read();
    loaded =
        new Loaded(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey(), chain);
    return chain;
  }

  Path file() {
    return file;
  }

  private List<X509Certificate> read() {
    List<X509Certificate> chain = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readNBytes(MAX_BYTES + 1);
      if (content.length > MAX_BYTES) {
        throw unusable("is larger than " + MAX_BYTES + " bytes", null);
      }
      // The JDK reads PEM (text around the blocks is skipped), DER and PKCS#7 alike.
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(content))) {
        chain.add((X509Certificate) certificate);
      }
    } catch (IOException e) {
      throw unusable("cannot be read (" + e + ")", e);
    } catch (CertificateException e) {
      throw unusable("does not hold PEM certificates (" + e.getMessage() + ")", e);
    }
    if (chain.isEmpty()) {
      throw unusable("holds no certificate", null);
    }
    // A chain in the wrong order would make every answer fail its check and be quarantined.
    for (int i = 0; i + 1 < chain.size(); i++) {
      if (!chain
          .get(i)
          .getIssuerX500Principal()
          .equals(chain.get(i + 1).getSubjectX500Principal())) {
        throw unusable(
            "must list the issuing CA first, then each certificate's issuer: "
                + chain.get(i + 1).getSubjectX500Principal()
                + " did not issue "
                + chain.get(i).getSubjectX500Principal(),
            null);
      }
    }
    return List.copyOf(chain);
  }

  private IllegalStateException unusable(String problem, Exception cause) {
    return new IllegalStateException("file-drop ca-certificate " + file + " " + problem, cause);
  }
}
