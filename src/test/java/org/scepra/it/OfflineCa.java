package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * OpenSSL playing the offline CA behind the file-drop endpoint, each step its own process with a
 * timeout. Its key and serial file stay in its own directory, outside the queue.
 */
public final class OfflineCa {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;

  private OfflineCa(Path dir) {
    this.dir = dir;
  }

  /**
   * Creates the CA once (key and self-signed certificate) and publishes its certificate to {@code
   * caPem}.
   */
  public static OfflineCa createIfMissing(Path dir, Path caPem) throws IOException {
    OfflineCa ca = new OfflineCa(Files.createDirectories(dir));
    if (!Files.exists(dir.resolve("ca.key")) || !Files.exists(caPem)) {
      ca.openssl(
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          "ca.key",
          "-out",
          "ca.pem",
          "-days",
          "30",
          "-subj",
          "/CN=scepra IT offline CA/O=scepra tests");
      Files.copy(dir.resolve("ca.pem"), caPem, StandardCopyOption.REPLACE_EXISTING);
    }
    return ca;
  }

  /**
   * {@code openssl x509 -req}: signs a CSR, writing the certificate (PEM) to {@code out} directly.
   */
  public Path sign(Path csr, Path out) {
    openssl(
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "30",
        "-out",
        out.toString());
    return out;
  }

  /** A CSR for a key of the CA side's own making: what a CA would sign by mistake. */
  Path otherCsr(String subject, String name) {
    openssl(
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        name + ".key",
        "-subj",
        subject,
        "-out",
        name + ".csr");
    return dir.resolve(name + ".csr");
  }

  /**
   * What an offline CA's operator does once for clients that insist on RA certificates issued by
   * the CA (jscep does): export the RA's self-signed certificates, have the CA re-issue them (same
   * subject, key and key usage), import them back. The RA's private keys never leave its keystore.
   */
  void certifyRaKeys(Path raKeystore) throws IOException {
    // The password stays in its file, out of the process list and the test output.
    String passwordFile = raKeystore.resolveSibling(raKeystore.getFileName() + ".pass").toString();
    for (String alias : List.of("ra-signing", "ra-encryption")) {
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          alias,
          "-file",
          alias + ".pem",
          "-keystore",
          raKeystore.toString(),
          "-storetype",
          "PKCS12",
          "-storepass:file",
          passwordFile);
      openssl(
          "x509",
          "-in",
          alias + ".pem",
          "-CA",
          "ca.pem",
          "-CAkey",
          "ca.key",
          "-CAcreateserial",
          "-days",
          "30",
          "-out",
          alias + "-by-ca.pem");
      Files.writeString(
          dir.resolve(alias + "-chain.pem"),
          Files.readString(dir.resolve(alias + "-by-ca.pem"))
              + Files.readString(dir.resolve("ca.pem")));
      keytool(
          "-importcert",
          "-noprompt",
          "-alias",
          alias,
          "-file",
          alias + "-chain.pem",
          "-keystore",
          raKeystore.toString(),
          "-storetype",
          "PKCS12",
          "-storepass:file",
          passwordFile);
    }
  }

  private void openssl(String... args) {
    run(Stream.concat(Stream.of("/usr/bin/openssl"), Stream.of(args)).toList());
  }

  private void keytool(String... args) {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(Stream.concat(Stream.of(keytool), Stream.of(args)).toList());
  }

  private void run(List<String> command) {
    Processes.Result result = Processes.run(command, dir, TIMEOUT);
    assertTrue(result.succeeded(), result::describe);
  }
}
