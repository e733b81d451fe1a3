package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.ScepTestClient.Options;
import org.scepra.testkit.TestPki;

/** Who may enroll: one-time challenges, the validation webhook, policy, brute-force lock-out. */
@ExtendWith(ArquillianExtension.class)
class AuthorizationIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  JsonObject mint(String alias, String body) {
    AdminClient.Reply reply = AdminClient.operator(base).post("challenges/" + alias, body);
    assertEquals(200, reply.status(), reply.body());
    return Json.createReader(new StringReader(reply.body())).readObject();
  }

  CertRep enrol(ItDevice device, String challenge, String transactionId) throws Exception {
    return device.send(device.csr(challenge), Options.defaults(transactionId));
  }

  @Test
  void oneTimeChallengeWorksOnceAndCarriesTheCaThumbprint() throws Exception {
    JsonObject minted = mint("otc", "");
    String challenge = minted.getString("challenge");
    assertEquals(32, challenge.length());
    ItDevice device = ItDevice.create(base, "scep/otc");
    String expected = java.util.HexFormat.of().withUpperCase().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(device.ca().getEncoded()));
    assertEquals(expected, minted.getString("caThumbprintSha256"));

    assertEquals("0", enrol(device, challenge, "tx-" + device.cn()).pkiStatus());
    ItDevice second = ItDevice.create(base, "scep/otc");
    CertRep reused = enrol(second, challenge, "tx-" + second.cn());
    assertEquals("2", reused.pkiStatus());
    assertTrue(reused.failInfoText().contains("already used"), reused.failInfoText());
    assertEquals("2", enrol(second, ItDevice.CHALLENGE, "tx2-" + second.cn()).pkiStatus(),
        "the static challenge is not configured on this endpoint");
  }

  @Test
  void oneTimeChallengeExpires() throws Exception {
    String challenge = mint("otcshort", "").getString("challenge");
    Thread.sleep(9_000); // otcshort's challenges live 8 s
    ItDevice device = ItDevice.create(base, "scep/otcshort");
    CertRep late = enrol(device, challenge, "tx-" + device.cn());
    assertEquals("2", late.pkiStatus());
    assertTrue(late.failInfoText().contains("expired"), late.failInfoText());
  }

  @Test
  void concurrentUsesOfOneChallengeYieldExactlyOneCertificate() throws Exception {
    String challenge = mint("otc", "").getString("challenge");
    List<ItDevice> devices = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      devices.add(ItDevice.create(base, "scep/otc"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(devices.size());
    try {
      List<Future<CertRep>> replies = new ArrayList<>();
      for (ItDevice device : devices) {
        replies.add(pool.submit((Callable<CertRep>) () -> enrol(device, challenge, "tx-" + device.cn())));
      }
      int issued = 0;
      for (Future<CertRep> reply : replies) {
        issued += reply.get().pkiStatus().equals("0") ? 1 : 0;
      }
      assertEquals(1, issued);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void challengeBoundToASubjectRefusesAnother() throws Exception {
    ItDevice device = ItDevice.create(base, "scep/otc");
    String challenge = mint("otc", "{\"subject\": \"CN=someone-else\"}").getString("challenge");
    CertRep refused = enrol(device, challenge, "tx-" + device.cn());
    assertEquals("2", refused.pkiStatus());
    String bound = mint("otc", "{\"subject\": \"CN=" + device.cn() + "\"}").getString("challenge");
    assertEquals("0", enrol(device, bound, "tx2-" + device.cn()).pkiStatus());
  }

  @Test
  void mintingIsForAuthenticatedCallersAndEnabledEndpointsOnly() {
    assertEquals(401, new AdminClient(base, null, null).post("challenges/otc", "").status());
    assertEquals(403, new AdminClient(base, "it-viewer", "it-viewer-pw-1").post("challenges/otc", "").status());
    assertEquals(404, AdminClient.operator(base).post("challenges/legacy", "").status());
  }

  @Test
  void webhookAllowsDeniesAndTimesOut() throws Exception {
    Path trust = Path.of(System.getProperty("test.data.dir"), "webhook", "trust.p12");
    try (WebhookServer webhook = new WebhookServer(trust, "it-trust")) {
      ItDevice device = ItDevice.create(base, "scep/hook");
      assertEquals("0", device.pkcsReq("allow-" + device.cn()).pkiStatus());
      JsonObject sent = Json.createReader(new StringReader(webhook.received.get(0))).readObject();
      assertEquals("hook", sent.getString("alias"));
      assertEquals("allow-" + device.cn(), sent.getString("transactionId"));
      assertTrue(sent.getString("csr").startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
      assertEquals(ItDevice.CHALLENGE, sent.getString("challenge"));

      CertRep denied = device.pkcsReq("deny-" + device.cn());
      assertEquals("2", denied.pkiStatus());
      long start = System.nanoTime();
      CertRep slow = device.pkcsReq("slow-" + device.cn());
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals("2", slow.pkiStatus(), "a webhook that does not answer in time denies");
      assertTrue(millis < 14_000, "answered before the webhook did (" + millis + " ms)");
    }
  }

  @Test
  void policyViolationsAreRefusedWithAReason() throws Exception {
    ItDevice device = ItDevice.create(base, "scep/strict");
    KeyPair big = TestPki.rsa(3072);
    CertRep noOrganization = device.send(Csrs.csr(big, "CN=" + device.cn(), ItDevice.CHALLENGE, device.cn() + ".example.test")
        .getEncoded(), Options.defaults("tx1-" + device.cn()));
    assertEquals("2", noOrganization.failInfo());
    assertTrue(noOrganization.failInfoText().contains("must contain O"), noOrganization.failInfoText());

    CertRep smallKey = device.send(Csrs.csr(device.key(), "CN=" + device.cn() + ",O=Example", ItDevice.CHALLENGE,
        device.cn() + ".example.test").getEncoded(), Options.defaults("tx2-" + device.cn()));
    assertEquals("0", smallKey.failInfo(), "badAlg: 2048 < 3072");

    CertRep foreignDomain = device.send(Csrs.csr(big, "CN=" + device.cn() + ",O=Example", ItDevice.CHALLENGE,
        "host.elsewhere.test").getEncoded(), Options.defaults("tx3-" + device.cn()));
    assertEquals("2", foreignDomain.failInfo());

    CertRep fine = device.send(Csrs.csr(big, "CN=" + device.cn() + ",O=Example", ItDevice.CHALLENGE,
        device.cn() + ".example.test").getEncoded(), Options.defaults("tx4-" + device.cn()));
    assertEquals("0", fine.pkiStatus(), fine::failInfoText);
  }

  @Test
  void tooManyWrongChallengesLockTheClientOut() throws Exception {
    ItDevice device = ItDevice.create(base, "scep/lockme");
    for (int i = 0; i < 3; i++) {
      assertEquals("2", enrol(device, "wrong-" + i, "tx" + i + "-" + device.cn()).pkiStatus());
    }
    CertRep locked = enrol(device, ItDevice.CHALLENGE, "tx-right-" + device.cn());
    assertEquals("2", locked.pkiStatus(), "even the right challenge is refused during the cool-off");
    assertTrue(locked.failInfoText().contains("too many"), locked.failInfoText());
  }
}
