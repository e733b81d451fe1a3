package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.interop.JscepEnroll;
import org.scepra.testkit.CertRepReader.CertRep;

/**
 * The file-drop endpoint (src/test/server/it-server.properties: {@code filedrop}) with OpenSSL as the offline CA: it
 * signs the CSRs scepra writes into the outbox, the way a CA operator's script would.
 */
@ExtendWith(ArquillianExtension.class)
class FileDropIT {
  static final String PATH = "scep/filedrop";
  static final String MISMATCH = "the CA's certificate did not match the request";

  /**
   * The queue directory, with the CA certificate file {@code ca.pem}, as configured in
   * src/test/server/it-server.properties.
   */
  static Path queue;

  static OfflineCa ca;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  /** The CA certificate must exist before the first GetCACert on the endpoint. */
  @BeforeAll
  static void offlineCa() throws IOException {
    Path data = Path.of(System.getProperty("test.data.dir"));
    queue = Files.createDirectories(data.resolve("file-drop"));
    ca = OfflineCa.createIfMissing(data.resolve("file-drop-ca"), queue.resolve("ca.pem"));
  }

  /**
   * jscep refuses RA certificates its CA did not issue ("RA not issued by CA"), so the offline CA
   * certifies the endpoint's self-signed RA keys first, as its operator would once (README).
   */
  @Test
  void jscepPollsUntilOpenSslHasSigned(@TempDir Path dir) throws Exception {
    List<X509Certificate> served = ScepHttp.caCerts(base, PATH);
    if (!served
        .get(0)
        .getIssuerX500Principal()
        .equals(served.get(served.size() - 1).getSubjectX500Principal())) {
      ca.certifyRaKeys(Path.of(System.getProperty("test.data.dir"), "ra", "filedrop.p12"));
      ServerReload.reloadAndWait(base);
    }
    String cn = "jscep-filedrop-" + UUID.randomUUID();
    Path out = dir.resolve("out");
    Process client =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Djscep.polls=40",
                "-cp",
                JscepEnrollIT.driverClasspath(),
                JscepEnroll.class.getName(),
                Deployments.resolve(base, PATH),
                cn,
                ItDevice.CHALLENGE,
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("jscep.log").toFile())
            .start();
    try {
      JsonObject request;
      try {
        request = awaitRequest(json -> json.getString("subject").equals("CN=" + cn));
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage() + "; jscep said:\n" + Files.readString(dir.resolve("jscep.log")), e);
      }
      String id = request.getString("id");
      sign(id, queue.resolve("outbox").resolve(id + ".csr"));
      assertTrue(client.waitFor(150, TimeUnit.SECONDS), "jscep did not finish");
      String log = Files.readString(dir.resolve("jscep.log"));
      assertEquals(0, client.exitValue(), log);
      assertTrue(log.contains("PENDING"), "jscep saw PENDING first: " + log);
      X509Certificate issued = Certs.readCertificate(out.resolve("cert.pem"));
      Certs.assertIssued(
          issued, Certs.readPrivateKey(out.resolve("key.pem")), cn, ScepHttp.caCerts(base, PATH));
      assertEquals(
          Certs.readCertificate(queue.resolve("ca.pem")).getSubjectX500Principal(),
          issued.getIssuerX500Principal());
      assertTrue(
          Files.exists(queue.resolve("archive").resolve(id + ".crt")), "archived once recorded");
    } finally {
      client.destroyForcibly();
    }
  }

  @Test
  void aRejectionEndsInFailureWithTheCasReason() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    String tx = "tx-" + device.cn();
    assertEquals("3", device.pkcsReq(tx).pkiStatus());
    String id = awaitRequest(json -> json.getString("transactionId").equals(tx)).getString("id");

    Path temp =
        Files.writeString(
            queue.resolve("inbox").resolve("." + id + ".rejected.tmp"),
            "not on the device allow-list\nticket 4711\n");
    Files.move(
        temp, queue.resolve("inbox").resolve(id + ".rejected"), StandardCopyOption.ATOMIC_MOVE);

    CertRep polled = pollUntilDecided(device, tx);
    assertEquals("2", polled.pkiStatus());
    assertEquals("2", polled.failInfo(), "badRequest");
    assertEquals("not on the device allow-list", polled.failInfoText());
    assertTrue(Files.exists(queue.resolve("archive").resolve(id + ".rejected")));
    assertFalse(Files.exists(queue.resolve("inbox").resolve(id + ".rejected")));
    assertEquals("2", device.pkcsReq(tx).pkiStatus(), "a retransmission replays the rejection");
  }

  @Test
  void aCertificateForAnotherKeyIsRefusedAndQuarantined() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    String tx = "tx-" + device.cn();
    assertEquals("3", device.pkcsReq(tx).pkiStatus());
    String id = awaitRequest(json -> json.getString("transactionId").equals(tx)).getString("id");

    sign(id, ca.otherCsr("/CN=" + device.cn(), id + "-other"));

    CertRep polled = pollUntilDecided(device, tx);
    assertEquals("2", polled.pkiStatus());
    assertEquals(MISMATCH, polled.failInfoText());
    assertTrue(Files.exists(queue.resolve("quarantine").resolve(id + ".crt")));
    assertFalse(Files.exists(queue.resolve("inbox").resolve(id + ".crt")));
    assertFalse(Files.exists(queue.resolve("archive").resolve(id + ".crt")));
  }

  @Test
  void aRestartBetweenRequestAndSigningLosesNothing() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    String tx = "tx-" + device.cn();
    assertEquals("3", device.pkcsReq(tx).pkiStatus());
    String id = awaitRequest(json -> json.getString("transactionId").equals(tx)).getString("id");

    ServerReload.reloadAndWait(base);
    assertEquals("3", device.certPoll(tx).pkiStatus(), "still PENDING after the restart");

    Path answer = sign(id, queue.resolve("outbox").resolve(id + ".csr"));
    Path archived = queue.resolve("archive").resolve(id + ".crt");
    assertTrue(
        Files.exists(answer) && !Files.exists(archived),
        "in the inbox until the RA has recorded it");

    CertRep issued = device.certPoll(tx);
    assertEquals("0", issued.pkiStatus(), issued::failInfoText);
    assertEquals(device.key().getPublic(), issued.certificates().get(0).getPublicKey());
    Certs.assertChainsTo(
        issued.certificates().get(0), List.of(Certs.readCertificate(queue.resolve("ca.pem"))));
    assertTrue(Files.exists(archived) && !Files.exists(answer), "archived after it was recorded");
    assertEquals("0", device.certPoll(tx).pkiStatus(), "answered from what the RA recorded");
  }

  /** Signs a CSR with the OpenSSL CA, straight into the inbox as {@code <id>.crt}. */
  static Path sign(String id, Path csr) {
    return ca.sign(csr, queue.resolve("inbox").resolve(id + ".crt"));
  }

  /** Waits for scepra to queue a request: the CA side keys on the {@code .json} appearing. */
  static JsonObject awaitRequest(Predicate<JsonObject> match) throws Exception {
    for (int i = 0; i < 120; i++) {
      Optional<JsonObject> found;
      try (Stream<Path> files = Files.list(queue.resolve("outbox"))) {
        found =
            files
                .filter(p -> p.getFileName().toString().endsWith(".json"))
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .flatMap(FileDropIT::readJson)
                .filter(match)
                .findFirst();
      }
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no matching request appeared in " + queue.resolve("outbox"));
  }

  /** Answers that would fail are judged once their file has settled (a few seconds). */
  static CertRep pollUntilDecided(ItDevice device, String tx) throws Exception {
    for (int i = 0; i < 30; i++) {
      CertRep reply = device.certPoll(tx);
      if (!reply.pkiStatus().equals("3")) {
        return reply;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("still PENDING after 30 s");
  }

  /** Empty if the file was archived (a settled request) between listing and reading. */
  private static Stream<JsonObject> readJson(Path file) {
    try {
      return Stream.of(Json.createReader(new StringReader(Files.readString(file))).readObject());
    } catch (NoSuchFileException e) {
      return Stream.empty();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
