package org.scepra.backend.filedrop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.IssueResult;

/** health() and caChain(), and refusing at once when the queue cannot be used. */
class FileDropHealthTest {

  static final IssueResult UNAVAILABLE =
      new IssueResult.Rejected(IssueResult.Reason.CA_UNAVAILABLE, FileDropQueue.UNAVAILABLE);

  @TempDir Path dir;
  QueueFixture fixture;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new QueueFixture(dir);
  }

  @Test
  void upCreatesTheSubfoldersAndServesTheChain() {
    FileDropBackend backend = fixture.backend();
    BackendHealth health = backend.health(QueueFixture.ALIAS);
    assertTrue(health.up(), health.detail());
    assertTrue(health.detail().contains("CN=File-drop Test CA"), health.detail());
    for (String folder : List.of("outbox", "inbox", "archive", "quarantine")) {
      assertTrue(Files.isDirectory(fixture.folder(folder)), folder);
    }
    assertEquals(List.of(QueueFixture.CA.certificate()), backend.caChain(QueueFixture.ALIAS));
  }

  @Test
  void aMissingDirectoryIsDownAndRequestsAreRefusedAtOnce() throws IOException {
    Files.delete(fixture.queue);
    FileDropBackend backend = fixture.backend();
    BackendHealth health = backend.health(QueueFixture.ALIAS);
    assertFalse(health.up());
    assertTrue(health.detail().contains(fixture.queue + " does not exist"), health.detail());
    IssueResult result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2),
            () -> backend.issue(QueueFixture.request("tx-down", "CN=device-d")));
    assertEquals(UNAVAILABLE, result);
    assertFalse(
        Files.exists(fixture.queue),
        "the directory is never created: it may be an unmounted share");
  }

  @Test
  void anOutboxOnAFullFileSystemIsDown() {
    QueueFolders.Folder outbox = new QueueFolders.Folder(QueueFolders.OUTBOX, fixture.folder("outbox"), true);
    assertTrue(QueueFolders.spaceProblem(outbox, QueueFolders.MIN_FREE_BYTES).isEmpty());
    String problem = QueueFolders.spaceProblem(outbox, 4096).orElseThrow();
    assertEquals("file-drop outbox " + fixture.folder("outbox") + " is full: 4096 bytes free, less than 1048576",
        problem);
  }

  @Test
  void aFolderThatIsNotADirectoryIsDown() throws IOException {
    Files.writeString(fixture.folder("inbox"), "a file where the inbox should be");
    FileDropBackend backend = fixture.backend();
    BackendHealth health = backend.health(QueueFixture.ALIAS);
    assertFalse(health.up());
    assertTrue(
        health.detail().contains("file-drop inbox " + fixture.folder("inbox")), health.detail());
    assertEquals(UNAVAILABLE, backend.issue(QueueFixture.request("tx-file", "CN=device-f")));
  }

  @Test
  void individuallyConfiguredFoldersMustExist() throws IOException {
    Path outbox = Files.createDirectories(dir.resolve("to-ca"));
    fixture.config.put(QueueFixture.PREFIX + "outbox", outbox.toString());
    fixture.config.put(QueueFixture.PREFIX + "inbox", dir.resolve("from-ca").toString());
    FileDropBackend backend = fixture.backend();
    BackendHealth health = backend.health(QueueFixture.ALIAS);
    assertFalse(health.up());
    assertTrue(
        health.detail().contains("inbox " + dir.resolve("from-ca") + " does not exist"),
        health.detail());

    Files.createDirectories(dir.resolve("from-ca"));
    assertTrue(backend.health(QueueFixture.ALIAS).up());
    String id = QueueFixture.queued(backend, QueueFixture.request("tx-own", "CN=device-o"));
    assertTrue(Files.exists(outbox.resolve(id + ".json")));
    assertFalse(Files.exists(fixture.folder("outbox")), "the default outbox is not used");
  }

  @Test
  void theCaCertificateMayAppearAfterStart() throws IOException {
    Files.delete(fixture.caFile);
    FileDropBackend backend = fixture.backend();
    IllegalStateException missing =
        assertThrows(IllegalStateException.class, () -> backend.caChain(QueueFixture.ALIAS));
    assertTrue(
        missing.getMessage().contains("ca-certificate " + fixture.caFile), missing.getMessage());
    assertFalse(backend.health(QueueFixture.ALIAS).up());
    assertTrue(
        backend.issue(QueueFixture.request("tx-early", "CN=device-e"))
            instanceof IssueResult.Pending,
        "requests are queued; the CA certificate is needed only to check answers");

    Files.writeString(fixture.caFile, TestPki.pem(QueueFixture.CA.certificate()));
    assertEquals(List.of(QueueFixture.CA.certificate()), backend.caChain(QueueFixture.ALIAS));
    assertTrue(backend.health(QueueFixture.ALIAS).up());
  }

  @Test
  void aChainInTheWrongOrderIsRefused() throws IOException {
    TestPki.Ca root = TestPki.ca("CN=Root");
    Files.writeString(
        fixture.caFile, TestPki.pem(root.certificate(), QueueFixture.CA.certificate()));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> fixture.backend().caChain(QueueFixture.ALIAS));
    assertTrue(e.getMessage().contains("issuing CA first"), e.getMessage());
  }

  @Test
  void aMisconfiguredEndpointIsDownAndNamesTheKey() {
    fixture.config.remove(QueueFixture.PREFIX + "ca-certificate");
    FileDropBackend backend = fixture.backend();
    BackendHealth health = backend.health(QueueFixture.ALIAS);
    assertFalse(health.up());
    assertEquals(QueueFixture.PREFIX + "ca-certificate is required", health.detail());
    assertEquals(UNAVAILABLE, backend.issue(QueueFixture.request("tx-conf", "CN=device-c")));
    assertThrows(IllegalStateException.class, () -> backend.caChain(QueueFixture.ALIAS));
    assertFalse(backend.health("other").up(), "an endpoint without any file-drop keys");
  }
}
