package org.scepra.backend.filedrop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;

/** settled(): what is archived, and that nothing is lost or overwritten on the way. */
class FileDropSettleTest {

  @TempDir Path dir;
  QueueFixture fixture;
  FileDropBackend backend;
  IssueRequest request;
  String id;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new QueueFixture(dir);
    backend = fixture.backend();
    request = QueueFixture.request("tx-settle", "CN=device-s");
    id = QueueFixture.queued(backend, request);
  }

  @Test
  void anIssuedAnswerIsArchivedWithItsRequestOnlyWhenSettled() throws Exception {
    X509Certificate leaf = TestPki.issue(QueueFixture.CA, request.csr());
    fixture.answer(id + ".crt", leaf.getEncoded());
    assertInstanceOf(IssueResult.Issued.class, backend.poll(request, id));
    // The RA crashed before recording it: a restarted node (a new backend) finds it again.
    assertEquals(
        leaf,
        assertInstanceOf(IssueResult.Issued.class, fixture.backend().poll(request, id))
            .certificate());
    assertEquals(List.of(id + ".crt"), FileDropQueueingTest.names(fixture.folder("inbox")));

    backend.settled(request, id);

    assertEquals(List.of(), FileDropQueueingTest.names(fixture.folder("inbox")));
    assertEquals(List.of(), FileDropQueueingTest.names(fixture.folder("outbox")));
    assertEquals(
        List.of(id + ".crt", id + ".csr", id + ".json"),
        FileDropQueueingTest.names(fixture.folder("archive")));
    backend.settled(
        request, id); // another node settling the same request finds nothing left to move
    assertEquals(3, FileDropQueueingTest.names(fixture.folder("archive")).size());
  }

  @Test
  void aRejectionIsArchived() throws Exception {
    fixture.settledAnswer(id + ".rejected", "duplicate device\n".getBytes(UTF_8));
    assertInstanceOf(IssueResult.Rejected.class, backend.poll(request, id));
    backend.settled(request, id);
    assertEquals("duplicate device\n", Files.readString(fixture.file("archive", id + ".rejected")));
    assertEquals(List.of(), FileDropQueueingTest.names(fixture.folder("inbox")));
  }

  @Test
  void archivingNeverReplacesAFileAlreadyThere() throws Exception {
    Files.writeString(fixture.file("archive", id + ".crt"), "an earlier answer");
    fixture.answer(id + ".crt", TestPki.issue(QueueFixture.CA, request.csr()).getEncoded());
    backend.settled(request, id);

    assertEquals("an earlier answer", Files.readString(fixture.file("archive", id + ".crt")));
    assertEquals(
        List.of(id + ".crt", id + ".crt.1", id + ".csr", id + ".json"),
        FileDropQueueingTest.names(fixture.folder("archive")));
  }

  @Test
  void referencesThatAreNotIdsAreNeverUsedAsFileNames() throws Exception {
    Files.writeString(dir.resolve("victim.crt"), "not ours");
    String traversal = "../../victim";
    assertEquals(
        new IssueResult.Rejected(IssueResult.Reason.CA_UNAVAILABLE, FileDropQueue.UNAVAILABLE),
        backend.poll(request, traversal));
    backend.settled(request, traversal);
    assertEquals("not ours", Files.readString(dir.resolve("victim.crt")));
    assertEquals(List.of(), FileDropQueueingTest.names(fixture.folder("archive")));
  }
}
