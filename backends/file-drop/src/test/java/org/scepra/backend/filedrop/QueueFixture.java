package org.scepra.backend.filedrop;

import org.scepra.testkit.MapConfig;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;

/**
 * A file-drop endpoint on a temporary directory, with a BouncyCastle CA standing in for the real
 * one.
 */
final class QueueFixture {

  static final String ALIAS = "offline";
  static final String PREFIX = "scepra.endpoint." + ALIAS + ".file-drop.";
  static final TestPki.Ca CA = TestPki.ca("CN=File-drop Test CA,O=scepra tests");

  final Path queue;
  final Path caFile;
  final Map<String, String> config = new HashMap<>();

  QueueFixture(Path dir) throws IOException {
    this.queue = dir.resolve("queue");
    this.caFile = dir.resolve("ca.pem");
    Files.createDirectories(queue);
    Files.writeString(caFile, TestPki.pem(CA.certificate()));
    config.put(PREFIX + "directory", queue.toString());
    config.put(PREFIX + "ca-certificate", caFile.toString());
  }

  FileDropBackend backend() {
    return new FileDropBackend(new MapConfig(config));
  }

  static IssueRequest request(String transactionId, String subject) {
    return request(transactionId, TestPki.csr(subject, TestPki.DEVICE_KEY, null));
  }

  static IssueRequest request(String transactionId, PKCS10CertificationRequest csr) {
    return TestPki.request(ALIAS, transactionId, csr);
  }

  /** Issues and returns the reference of the PENDING answer. */
  static String queued(FileDropBackend backend, IssueRequest request) {
    return assertInstanceOf(IssueResult.Pending.class, backend.issue(request)).reference();
  }

  Path folder(String name) {
    return queue.resolve(name);
  }

  Path file(String folder, String name) {
    return queue.resolve(folder).resolve(name);
  }

  /** Writes an answer into the inbox as the CA would. */
  Path answer(String name, byte[] content) throws IOException {
    return Files.write(file(QueueFolders.INBOX, name), content);
  }

  /** An answer written long enough ago to be judged even if it does not check out. */
  Path settledAnswer(String name, byte[] content) throws IOException {
    Path file = answer(name, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    return file;
  }
}
