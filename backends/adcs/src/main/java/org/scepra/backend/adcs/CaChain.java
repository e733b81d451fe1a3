package org.scepra.backend.adcs;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * The issuing CA's chain as AD CS last sent it. CES has no call that returns the CA chain alone;
 * every issued certificate comes with it (the CMC full PKI response), the RA's own two first. So
 * the chain is learned from those answers and kept in {@code <data-dir>/adcs/<alias>-ca-chain.pem},
 * where a restart (or another node sharing the data dir) finds it before anything is issued again.
 */
final class CaChain {

  private final String alias;
  private final Path file;
  private List<X509Certificate> chain; // guarded by this

  CaChain(AdcsSettings settings) {
    this.alias = settings.alias();
    this.file = settings.dataDir().resolve("adcs").resolve(settings.alias() + "-ca-chain.pem");
  }

  Path file() {
    return file;
  }

  /** Keeps a chain that came with an issued certificate, if it differs from the one known. */
  synchronized void learn(List<X509Certificate> fresh) {
    if (fresh.isEmpty() || fresh.equals(chain)) {
      return;
    }
    chain = List.copyOf(fresh);
    try {
      write(chain);
      AdcsLog.info("AD CS endpoint {0}: CA chain of {1} kept in {2}", alias,
          chain.get(0).getSubjectX500Principal().getName(), file);
    } catch (IOException e) {
      AdcsLog.warning("AD CS endpoint {0}: cannot keep the CA chain in {1}: {2}", alias, file, e.toString());
    }
  }

  /**
   * @throws IllegalStateException if AD CS has never sent a chain for this endpoint
   */
  synchronized List<X509Certificate> get() {
    if (chain == null) {
      chain = read();
    }
    return chain;
  }

  /** The chain if known, else empty; for answers where the chain is a courtesy. */
  List<X509Certificate> getOrEmpty() {
    try {
      return get();
    } catch (IllegalStateException e) {
      return List.of();
    }
  }

  private List<X509Certificate> read() {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("AD CS endpoint " + alias + ": no CA chain known yet; it is learned from"
          + " the first certificate AD CS issues through this endpoint (see backends/adcs/README.md)");
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      List<X509Certificate> read = new ArrayList<>();
      for (Object object = pem.readObject(); object != null; object = pem.readObject()) {
        if (object instanceof X509CertificateHolder holder) {
          read.add(converter.getCertificate(holder));
        }
      }
      if (read.isEmpty()) {
        throw new IllegalStateException("AD CS endpoint " + alias + ": " + file + " holds no certificate");
      }
      return List.copyOf(read);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("AD CS endpoint " + alias + ": cannot read " + file, e);
    }
  }

  private void write(List<X509Certificate> certificates) throws IOException {
    Files.createDirectories(file.getParent());
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      for (X509Certificate certificate : certificates) {
        pem.writeObject(certificate);
      }
    }
    Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.US_ASCII)) {
      out.write(text.toString());
    }
    try {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
