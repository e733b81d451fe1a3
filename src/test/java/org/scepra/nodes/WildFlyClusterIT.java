package org.scepra.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.it.Certs;
import org.scepra.it.ItDevice;
import org.scepra.it.JscepEnrollIT;
import org.scepra.it.Processes;
import org.scepra.it.ScepHttp;
import org.scepra.interop.JscepEnroll;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.ScepTestClient.Options;

/**
 * Two scepra nodes on one PostgreSQL, each a stock WildFly prepared only by the production scripts of
 * server-configs/wildfly (configure.sh: driver module, data source, realm, HTTPS, audit log; add-operator.sh).
 * What one node records, the other answers: polls, approvals, fetches, and a one-time challenge used once across
 * both. The admin API is called over the HTTPS listener the script configured, as the script's operators.
 */
class WildFlyClusterIT {

  private static final String OPERATOR = "alice";
  private static final String ISSUER = "mdm-connector";
  private static final String OPERATOR_PASSWORD = "alice-operator-pw-7";
  private static final String TLS_PASSWORD = "node-tls-pw-4711";

  private static WildFlyNode nodeA;
  private static WildFlyNode nodeB;
  private static HttpClient https;
  private static Path dataDir;

  @BeforeAll
  static void startTwoScriptedNodes() throws Exception {
    WildFlyNode.assumeNodesExecution();
    Path nodes = ScriptedWildFly.nodesDir();
    Path home = ScriptedWildFly.installation("wildfly-scripted");
    dataDir = nodes.resolve("cluster-data");
    WildFlyNode.deleteTree(dataDir);
    TlsIdentity tls = TlsIdentity.create(nodes.resolve("cluster-tls"), TLS_PASSWORD);
    https = tls.client();
    Postgres.reset();

    Map<String, String> env = new LinkedHashMap<>();
    env.put("SCEPRA_DB_URL", Postgres.url());
    env.put("SCEPRA_DB_USER", Postgres.user());
    env.put("SCEPRA_DB_PASSWORD", Postgres.password());
    env.put("SCEPRA_DATA_DIR", dataDir.toString());
    env.put("SCEPRA_TLS_KEYSTORE", tls.keystore().toString());
    env.put("SCEPRA_TLS_KEYSTORE_PASSWORD", TLS_PASSWORD);
    env.put("SCEPRA_ENDPOINT_DEFAULT_CHALLENGE", ItDevice.CHALLENGE);
    env.put("SCEPRA_ENDPOINT_MANUAL_CHALLENGE", ItDevice.CHALLENGE);
    env.put("SCEPRA_ENDPOINT_LOCKME_CHALLENGE", ItDevice.CHALLENGE);

    nodeA = scriptedNode("cluster-a", 400, home, env);
    nodeB = scriptedNode("cluster-b", 500, home, env);
    // Both at once on an empty database and an empty data dir, as a cluster restarted together does: they race on
    // creating the schema (DatabaseSchema's advisory lock) and the CA and RA keys (file locks)
    java.util.concurrent.CompletableFuture<WildFlyNode> startB =
        java.util.concurrent.CompletableFuture.supplyAsync(nodeB::start);
    nodeA.start();
    startB.join(); // rethrows B's failure to start
    for (WildFlyNode node : List.of(nodeA, nodeB)) {
      assertFalse(Files.readString(node.serverLog()).contains("schema could not be checked"),
          () -> node + " failed to create the schema at first use");
    }
  }

  private static WildFlyNode scriptedNode(String name, int offset, Path home, Map<String, String> env) {
    return ScriptedWildFly.node(name, offset, home, env,
        Map.of("scepra.endpoints", "default,manual,otc,lockme",
            "scepra.endpoint.manual.approval", "manual",
            "scepra.endpoint.otc.one-time-challenges", "true",
            "scepra.endpoint.lockme.lockout.max-failures", "3"),
        Map.of(OPERATOR, "scepra-operator", ISSUER, "scepra-challenge-issuer"), OPERATOR_PASSWORD);
  }

  @AfterAll
  static void stopNodes() {
    if (nodeB != null) {
      nodeB.stop();
    }
    if (nodeA != null) {
      nodeA.stop();
    }
  }

  @Test
  void bothNodesStoreInPostgresAndNothingInH2() throws Exception {
    for (WildFlyNode node : List.of(nodeA, nodeB)) {
      NodeStatus.Readiness ready = NodeStatus.awaitReady(node, Duration.ofSeconds(120));
      assertEquals("UP", ready.check("database"), ready::toString);
      assertTrue(Files.readString(node.serverLog())
          .contains("scepra stores its data in the server data source java:jboss/datasources/scepra"));
    }
    assertEquals(3, Postgres.count("SELECT count(*) FROM information_schema.tables WHERE table_name IN "
        + "('scepra_transaction', 'scepra_certificate', 'scepra_challenge')"));
    assertFalse(Files.exists(dataDir.resolve("db")), "no embedded H2 database when scepra.datasource is set");
  }

  @Test
  void requestMadeOnAIsPolledApprovedAndFetchedOnB() throws Exception {
    ItDevice onA = ItDevice.create(url(nodeA), "scep/manual");
    ItDevice onB = new ItDevice(url(nodeB), onA.path(), onA.cn(), onA.key(), onA.selfSigned(),
        ScepHttp.caCerts(url(nodeB), "scep/manual"));
    assertEquals(certificates(onA.caCerts()), certificates(onB.caCerts()), "both nodes are one RA over one CA");
    String tx = "cluster-" + onA.cn();
    long before = Postgres.count("SELECT count(*) FROM scepra_transaction");

    assertEquals("3", onA.pkcsReq(tx).pkiStatus(), "PENDING on A");
    assertEquals(before + 1, Postgres.count("SELECT count(*) FROM scepra_transaction"), "recorded in PostgreSQL");
    assertEquals("3", onB.certPoll(tx).pkiStatus(), "B knows the request A recorded");

    HttpResponse<String> pending = admin(nodeB, "GET", "pending", OPERATOR, OPERATOR_PASSWORD);
    assertEquals(200, pending.statusCode(), pending.body());
    assertTrue(pending.body().contains(tx), pending.body());
    HttpResponse<String> approved = admin(nodeB, "POST", "pending/manual/" + tx + "/approve", OPERATOR,
        OPERATOR_PASSWORD);
    assertEquals(200, approved.statusCode(), approved.body());

    CertRep issuedOnB = onB.certPoll(tx);
    assertEquals("0", issuedOnB.pkiStatus(), () -> "SUCCESS on B after approval on B: " + issuedOnB.failInfoText());
    X509Certificate cert = issuedOnB.certificates().get(0);
    Certs.assertKeyMatches(cert, onA.key().getPrivate());
    CertRep polledOnA = onA.certPoll(tx);
    assertEquals("0", polledOnA.pkiStatus());
    assertArrayEquals(cert.getEncoded(), polledOnA.certificates().get(0).getEncoded(), "A answers with the same certificate");
    CertRep fetchedOnA = onA.getCert(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()),
        cert.getSerialNumber());
    assertEquals("0", fetchedOnA.pkiStatus());
    assertArrayEquals(cert.getEncoded(), fetchedOnA.certificates().get(0).getEncoded(), "GetCert on A");

    // the approval is an audit line in the file of its own that configure.cli set up
    String audit = Files.readString(nodeB.baseDir().resolve("log/scepra-audit.log"), StandardCharsets.UTF_8);
    assertTrue(audit.contains(tx) && audit.contains(OPERATOR), audit);
  }

  @Test
  void oneTimeChallengeUsedOnAIsRefusedOnB() throws Exception {
    HttpResponse<String> minted = admin(nodeA, "POST", "challenges/otc", ISSUER, OPERATOR_PASSWORD);
    assertEquals(200, minted.statusCode(), minted.body());
    JsonObject json = Json.createReader(new StringReader(minted.body())).readObject();
    String challenge = json.getString("challenge");

    ItDevice first = ItDevice.create(url(nodeA), "scep/otc");
    CertRep usedOnA = first.send(first.csr(challenge), Options.defaults("otc-" + first.cn()));
    assertEquals("0", usedOnA.pkiStatus(), usedOnA::failInfoText);

    ItDevice second = ItDevice.create(url(nodeB), "scep/otc");
    CertRep reusedOnB = second.send(second.csr(challenge), Options.defaults("otc-" + second.cn()));
    assertEquals("2", reusedOnB.pkiStatus(), "FAILURE on B");
    assertEquals("2", reusedOnB.failInfo(), "badRequest");
    assertTrue(reusedOnB.failInfoText().contains("already used"), reusedOnB.failInfoText());
  }

  /**
   * Wrong challenges from one device, split across the nodes as a load balancer would (2 on A, 1 on B): the third
   * (endpoint lockme's lockout.max-failures) locks its subject and address out on both nodes, even with the right
   * challenge. Counted per node, neither would have reached three. Only this test uses endpoint lockme.
   */
  @Test
  void lockOutCountsFailuresOfBothNodes() throws Exception {
    ItDevice onA = ItDevice.create(url(nodeA), "scep/lockme");
    ItDevice onB = new ItDevice(url(nodeB), onA.path(), onA.cn(), onA.key(), onA.selfSigned(),
        ScepHttp.caCerts(url(nodeB), "scep/lockme"));
    for (int attempt = 1; attempt <= 3; attempt++) {
      ItDevice device = attempt % 2 == 1 ? onA : onB;
      CertRep wrong = device.send(device.csr("wrong-" + attempt), Options.defaults("lock-" + attempt + "-" + onA.cn()));
      assertEquals("2", wrong.pkiStatus(), "attempt " + attempt);
      assertTrue(wrong.failInfoText().contains("challenge password is wrong"), wrong.failInfoText());
    }
    for (ItDevice device : List.of(onA, onB)) {
      CertRep locked = device.send(device.csr(ItDevice.CHALLENGE), Options.defaults("lock-ok-" + device.base().getPort()
          + "-" + onA.cn()));
      assertEquals("2", locked.pkiStatus(), () -> "locked out on " + device.base() + ": " + locked.failInfoText());
      assertTrue(locked.failInfoText().contains("too many failed attempts"), locked.failInfoText());
    }
    assertEquals(2, Postgres.count("SELECT count(*) FROM scepra_lockout WHERE locked_until > "
        + System.currentTimeMillis()), "the subject and the client address are locked, each once");
  }

  @Test
  void adminApiAnswersOnlyTheScriptsRealmAndRoles() throws Exception {
    assertEquals(401, admin(nodeA, "GET", "pending", null, null).statusCode(), "anonymous");
    assertEquals(401, admin(nodeA, "GET", "pending", OPERATOR, "not-the-password").statusCode());
    assertEquals(403, admin(nodeA, "GET", "pending", ISSUER, OPERATOR_PASSWORD).statusCode(),
        "the challenge issuer role does not see pending requests");
    assertEquals(200, admin(nodeA, "GET", "pending", OPERATOR, OPERATOR_PASSWORD).statusCode());
  }

  /** A real client, jscep 2.5.6 in its own JVM, enrolls through node B. */
  @Test
  void jscepEnrollsThroughTheScriptedServer(@TempDir Path dir) throws Exception {
    String cn = "jscep-cluster-" + UUID.randomUUID();
    Path out = dir.resolve("out");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", JscepEnrollIT.driverClasspath(), JscepEnroll.class.getName(),
        nodeB.uri("/scep").toString(), cn, ItDevice.CHALLENGE, out.toString()));
    Processes.Result result = Processes.run(command, dir, Duration.ofSeconds(120));
    assertTrue(result.succeeded(), result::describe);
    X509Certificate issued = Certs.readCertificate(out.resolve("cert.pem"));
    Certs.assertIssued(issued, Certs.readPrivateKey(out.resolve("key.pem")), cn, ScepHttp.caCerts(url(nodeB), "scep"));
    assertEquals(1, Postgres.count("SELECT count(*) FROM scepra_certificate WHERE subject LIKE '%" + cn + "%'"),
        "the certificate is recorded in PostgreSQL");
  }

  private static List<BigInteger> certificates(List<X509Certificate> certs) {
    return certs.stream().map(X509Certificate::getSerialNumber).toList();
  }

  private static URL url(WildFlyNode node) throws Exception {
    return node.baseUri().toURL();
  }

  /** The admin API over the node's HTTPS listener (configure.cli's scepra-tls). */
  private static HttpResponse<String> admin(WildFlyNode node, String method, String path, String user,
      String password) throws Exception {
    return new HttpsAdmin(https, node.httpsPort()).send(method, path, user, password);
  }

}
