package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.interop.JscepEnroll;
import org.scepra.ra.transaction.Fingerprints;
import org.scepra.testkit.CertRepReader.CertRep;

/** An endpoint with approval=manual: PENDING until an operator decides, across a server restart. */
@ExtendWith(ArquillianExtension.class)
class ManualApprovalIT {
  static final String PATH = "scep/manual";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  @Test
  void pendingRequestSurvivesARestartAndCompletesAfterApproval() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    String tx = "tx-" + device.cn();
    assertEquals("3", device.pkcsReq(tx).pkiStatus(), "PENDING until approved");

    JsonObject listed = pendingEntry(AdminClient.operator(base), "CN=" + device.cn()).orElseThrow();
    assertEquals("manual", listed.getString("alias"));
    assertEquals(tx, listed.getString("transactionId"));
    assertEquals("DNS:" + device.cn() + ".example.test", listed.getJsonArray("subjectAltNames").getString(0));
    assertEquals("RSA", listed.getString("keyType"));
    assertEquals(2048, listed.getInt("keySize"));
    assertEquals(Fingerprints.sha256(device.csr(ItDevice.CHALLENGE)).length(), listed.getString("csrSha256").length());
    assertTrue(listed.containsKey("receivedAt"));
    assertEquals("3", device.certPoll(tx).pkiStatus());

    ServerReload.reloadAndWait(base);
    assertEquals("3", device.certPoll(tx).pkiStatus(), "still PENDING after the restart");

    AdminClient.Reply approved = AdminClient.operator(base).post("pending/manual/" + tx + "/approve", "");
    assertEquals(200, approved.status(), approved.body());
    CertRep issued = device.certPoll(tx);
    assertEquals("0", issued.pkiStatus(), issued::failInfoText);
    assertEquals(device.key().getPublic(), issued.certificates().get(0).getPublicKey());
    assertEquals(409, AdminClient.operator(base).post("pending/manual/" + tx + "/approve", "").status(),
        "a decided request cannot be approved again");
  }

  @Test
  void rejectionEndsTheTransactionWithTheOperatorsReason() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    String tx = "tx-" + device.cn();
    assertEquals("3", device.pkcsReq(tx).pkiStatus());
    AdminClient.Reply rejected = AdminClient.operator(base)
        .post("pending/manual/" + tx + "/reject", "{\"reason\": \"not a company device\"}");
    assertEquals(200, rejected.status(), rejected.body());
    CertRep polled = device.certPoll(tx);
    assertEquals("2", polled.pkiStatus());
    assertEquals("2", polled.failInfo());
    assertEquals("not a company device", polled.failInfoText());
    assertEquals("2", device.pkcsReq(tx).pkiStatus(), "a retransmission replays the rejection");
  }

  /** jscep's own client polls a PENDING transaction until the operator approves it. */
  @Test
  void jscepPollsUntilTheOperatorApproves(@TempDir Path dir) throws Exception {
    String cn = "jscep-manual-" + UUID.randomUUID();
    Path out = dir.resolve("out");
    Process client = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-Djscep.polls=45", "-cp", JscepEnrollIT.driverClasspath(), JscepEnroll.class.getName(),
        Deployments.resolve(base, PATH), cn, ItDevice.CHALLENGE, out.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("jscep.log").toFile()).start();
    try {
      Optional<JsonObject> entry = Optional.empty();
      for (int i = 0; i < 60 && entry.isEmpty(); i++) {
        Thread.sleep(1000);
        entry = pendingEntry(AdminClient.operator(base), "CN=" + cn);
      }
      assertTrue(entry.isPresent(), "jscep's request never showed up as pending");
      String tx = entry.get().getString("transactionId");
      assertEquals(200, AdminClient.operator(base).post("pending/manual/" + tx + "/approve", "").status());
      assertTrue(client.waitFor(150, TimeUnit.SECONDS), "jscep did not finish");
      String log = Files.readString(dir.resolve("jscep.log"));
      assertEquals(0, client.exitValue(), log);
      assertTrue(log.contains("PENDING"), "jscep saw PENDING first: " + log);
      X509Certificate issued = Certs.readCertificate(out.resolve("cert.pem"));
      Certs.assertIssued(issued, Certs.readPrivateKey(out.resolve("key.pem")), cn, ScepHttp.caCerts(base, PATH));
    } finally {
      client.destroyForcibly();
    }
  }

  static Optional<JsonObject> pendingEntry(AdminClient admin, String subject) {
    AdminClient.Reply reply = admin.get("pending");
    assertEquals(200, reply.status(), reply.body());
    JsonArray pending = Json.createReader(new StringReader(reply.body())).readArray();
    return pending.stream().map(v -> (JsonObject) v).filter(o -> o.getString("subject").equals(subject)).findFirst();
  }

}
