package org.scepra.backend.filedrop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;

/** issue(): what lands in the outbox, under which names. */
class FileDropQueueingTest {

  @TempDir Path dir;
  QueueFixture fixture;
  FileDropBackend backend;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new QueueFixture(dir);
    backend = fixture.backend();
  }

  @Test
  void queuesThePemCsrAndItsJsonAndAnswersPending() throws Exception {
    IssueRequest request = QueueFixture.request("tx-1", "CN=device-1,O=Example");
    String id = QueueFixture.queued(backend, request);

    assertEquals(RequestId.of(QueueFixture.ALIAS, "tx-1"), id);
    assertEquals(List.of(id + ".csr", id + ".json"), names(fixture.folder("outbox")));
    try (PEMParser parser =
        new PEMParser(Files.newBufferedReader(fixture.file("outbox", id + ".csr")))) {
      assertEquals(request.csr(), parser.readObject(), "the outbox CSR is the request's, in PEM");
    }
    assertEquals(
        new IssueResult.Pending(id), backend.poll(request, id), "PENDING until the CA answers");
  }

  @Test
  void jsonDescribesTheRequest() throws Exception {
    GeneralNames altNames =
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "device.example.com"),
              new GeneralName(GeneralName.rfc822Name, "ops@example.com"),
              new GeneralName(GeneralName.iPAddress, "192.0.2.7")
            });
    IssueRequest request =
        QueueFixture.request(
            "tx-json", TestPki.csr("CN=device-2,OU=Lab,O=Example", TestPki.DEVICE_KEY, altNames));
    Instant before = Instant.now().minusSeconds(1);
    String id = QueueFixture.queued(backend, request);

    JsonObject json = json(fixture.file("outbox", id + ".json"));
    assertEquals(1, json.getInt("formatVersion"));
    assertEquals(id, json.getString("id"));
    assertEquals(id + ".csr", json.getString("csrFile"));
    assertEquals("offline", json.getString("alias"));
    assertEquals("tx-json", json.getString("transactionId"));
    assertEquals("general-purpose", json.getString("profile"));
    assertEquals("CN=device-2,OU=Lab,O=Example", json.getString("subject"));
    assertEquals(
        Json.createArrayBuilder()
            .add(
                Json.createObjectBuilder()
                    .add("type", "dNSName")
                    .add("value", "device.example.com"))
            .add(
                Json.createObjectBuilder()
                    .add("type", "rfc822Name")
                    .add("value", "ops@example.com"))
            .add(Json.createObjectBuilder().add("type", "iPAddress").add("value", "192.0.2.7"))
            .build(),
        json.getJsonArray("subjectAltNames"));
    assertEquals(
        Json.createArrayBuilder().add("digitalSignature").add("keyEncipherment").build(),
        json.getJsonArray("keyUsages"));
    assertEquals(
        Json.createArrayBuilder().add(TestPki.CLIENT_AUTH).build(),
        json.getJsonArray("extendedKeyUsages"));
    assertEquals(365, json.getInt("validityDays"));
    Instant receivedAt = Instant.parse(json.getString("receivedAt"));
    assertTrue(
        !receivedAt.isBefore(before.truncatedTo(ChronoUnit.SECONDS))
            && !receivedAt.isAfter(Instant.now()),
        receivedAt::toString);
  }

  @Test
  void requesterTextIsEscapedInJsonAndNeverUsedAsAFileName() throws Exception {
    X500Name subject =
        new X500NameBuilder()
            .addRDN(BCStyle.CN, "../../x\"\\\u0007 \u202e")
            .addRDN(BCStyle.O, "a/b")
            .build();
    String transactionId = "../../etc/passwd\u0000\n\"x\"";
    IssueRequest request =
        QueueFixture.request(transactionId, TestPki.csr(subject, TestPki.DEVICE_KEY, null));
    String id = QueueFixture.queued(backend, request);

    assertTrue(id.matches("[0-9a-f]{64}"), id);
    try (Stream<Path> all = Files.walk(dir)) {
      List<String> files =
          all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
      assertEquals(
          List.of("ca.pem", "queue/outbox/" + id + ".csr", "queue/outbox/" + id + ".json"), files);
    }
    JsonObject json = json(fixture.file("outbox", id + ".json"));
    assertEquals(
        transactionId, json.getString("transactionId"), "JSON-escaped and read back unchanged");
    assertEquals(new X500Principal(subject.getEncoded()).getName(), json.getString("subject"));
  }

  @Test
  void aRetransmissionMapsToTheSameFilesAndDoesNotRewriteThem() throws Exception {
    IssueRequest request = QueueFixture.request("tx-again", "CN=device-3");
    String id = QueueFixture.queued(backend, request);
    Path json = fixture.file("outbox", id + ".json");
    FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
    Files.setLastModifiedTime(json, old);

    assertEquals(
        id, QueueFixture.queued(fixture.backend(), request), "same id, also on another node");
    assertEquals(
        old, Files.getLastModifiedTime(json), "a CA watching for new files sees nothing new");
    assertEquals(List.of(id + ".csr", id + ".json"), names(fixture.folder("outbox")));
  }

  @Test
  void idsDifferPerEndpointAndTransaction() {
    assertTrue(!RequestId.of("a", "bc").equals(RequestId.of("ab", "c")));
    assertTrue(!RequestId.of("a", "tx").equals(RequestId.of("b", "tx")));
    assertTrue(RequestId.isValid(RequestId.of("a", "tx")));
    assertTrue(!RequestId.isValid("../" + RequestId.of("a", "tx").substring(3)));
  }

  @Test
  void validityDaysOverridesTheProfileInTheJson() throws Exception {
    fixture.config.put(QueueFixture.PREFIX + "validity-days", "90");
    String id =
        QueueFixture.queued(fixture.backend(), QueueFixture.request("tx-90", "CN=device-4"));
    assertEquals(90, json(fixture.file("outbox", id + ".json")).getInt("validityDays"));
  }

  static JsonObject json(Path file) throws IOException {
    return Json.createReader(new StringReader(Files.readString(file))).readObject();
  }

  static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
