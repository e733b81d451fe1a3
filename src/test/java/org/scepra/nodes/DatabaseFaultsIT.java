package org.scepra.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.scepra.it.ItDevice;
import org.scepra.it.ScepHttp;
import org.scepra.testkit.CertRepReader;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.ScepTestClient.Options;

/**
 * The database goes away under a running scepra: requests get a signed FAILURE that says so instead of hanging or
 * an HTTP 500, /status/ready says DOWN with the database named, and everything works again once the database is
 * back, without restarting the server, whether it went away mid-run or was away at start. The database is the
 * real PostgreSQL behind a relay that the test cuts ({@link TcpProxy}); the server is prepared by
 * server-configs/wildfly like any production node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultsIT {

  private static final Duration RECOVERY = Duration.ofSeconds(60);
  private static final String DATABASE_DOWN = "\"name\":\"database\",\"status\":\"DOWN\"";

  private static final String OPERATOR = "alice";
  private static final String OPERATOR_PASSWORD = "alice-operator-pw-7";
  private static TcpProxy database;
  private static HttpsAdmin admin;
  private static WildFlyNode node;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startNodeBehindRelay() throws Exception {
    WildFlyNode.assumeNodesExecution();
    Postgres.reset();
    URI db = URI.create(Postgres.url().substring("jdbc:".length()));
    database = TcpProxy.start(db.getPort());
    Path nodes = ScriptedWildFly.nodesDir();
    WildFlyNode.deleteTree(nodes.resolve("dbfault-data"));
    TlsIdentity tls = TlsIdentity.create(nodes.resolve("dbfault-tls"), "node-tls-pw-4711");

    Map<String, String> env = new LinkedHashMap<>();
    // socketTimeout: a statement on a connection whose database vanished fails instead of waiting forever
    env.put("SCEPRA_DB_URL", "jdbc:postgresql://127.0.0.1:" + database.port() + db.getPath()
        + "?connectTimeout=5&socketTimeout=30");
    env.put("SCEPRA_DB_USER", Postgres.user());
    env.put("SCEPRA_DB_PASSWORD", Postgres.password());
    env.put("SCEPRA_DATA_DIR", nodes.resolve("dbfault-data").toString());
    env.put("SCEPRA_TLS_KEYSTORE", tls.keystore().toString());
    env.put("SCEPRA_TLS_KEYSTORE_PASSWORD", tls.password());
    env.put("SCEPRA_ENDPOINT_DEFAULT_CHALLENGE", ItDevice.CHALLENGE);
    node = ScriptedWildFly.node("dbfault", 450, ScriptedWildFly.installation("wildfly-dbfault"), env, Map.of(),
        Map.of(OPERATOR, "scepra-operator"), OPERATOR_PASSWORD);
    node.start();
    admin = new HttpsAdmin(tls.client(), node.httpsPort());
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.stop();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  @Order(1)
  void databaseLostMidRunFailsClearlyAndRecoversWithoutRestart() throws Exception {
    assertEquals("0", enroll().pkiStatus(), "works before the fault");
    NodeStatus.Readiness before = NodeStatus.awaitReady(node, RECOVERY);
    assertEquals("UP", before.check("database"), before::toString);

    database.cut();
    ItDevice device = ItDevice.create(url(), "scep");
    assertDatabaseFailure(device);
    awaitDatabaseDown();
    // the admin API says so in a line of JSON, not with the server's error page (SQL, stack trace)
    HttpResponse<String> pending = admin.send("GET", "pending", OPERATOR, OPERATOR_PASSWORD);
    assertEquals(503, pending.statusCode(), pending.body());
    assertTrue(pending.body().contains("\"result\":\"UNAVAILABLE\""), pending.body());
    assertFalse(pending.body().contains("Exception") || pending.body().contains("SELECT")
        || pending.body().contains("at org."), pending.body());

    database.restore();
    awaitReady();
    assertEquals("0", enroll().pkiStatus(), "works again, same server process");
    CertRep retried = device.pkcsReq("dbfault-" + device.cn());
    assertEquals("0", retried.pkiStatus(), "the refused request, sent again, is processed: nothing half-recorded");
  }

  /**
   * Away at start, with no tables yet: scepra deploys all the same (nothing at deployment needs the database), answers
   * FAILURE and health DOWN, serves GetCACert, and once the database is back creates its tables and enrolls, in the
   * same server process, without a redeploy.
   */
  @Test
  @Order(2)
  void databaseAwayAtStartDeploysAnywayAndRecoversWithoutRedeploy() throws Exception {
    node.stop();
    Postgres.reset();
    database.cut();
    assertTrue(node.startAllowingFailedDeployment(), "deploys without its database");
    long serverPid = node.serverJvm().orElseThrow().pid();
    assertEquals(200, get("/status/live").statusCode());
    awaitDatabaseDown();
    assertEquals(200, ScepHttp.get(url(), "scep?operation=GetCACert").status(), "GetCACert needs no database");
    ItDevice device = ItDevice.create(url(), "scep");
    assertDatabaseFailure(device);

    database.restore();
    awaitReady();
    assertEquals("0", enroll().pkiStatus(), "enrolls once the database is back");
    assertEquals("0", device.pkcsReq("dbfault-" + device.cn()).pkiStatus(), "the refused request, sent again");
    assertEquals(2, Postgres.count("SELECT COUNT(*) FROM scepra_certificate"), "tables created at first use");
    assertEquals(serverPid, node.serverJvm().orElseThrow().pid(), "the same server process");
    assertFalse(java.nio.file.Files.exists(node.baseDir().resolve("deployments/scepra.war.failed")));
  }

  /** A PKCSReq while the database is away: a signed FAILURE that says so. */
  private static void assertDatabaseFailure(ItDevice device) throws Exception {
    ScepHttp.Response during = ScepHttp.post(url(), "scep?operation=PKIOperation", "application/x-pki-message",
        ScepTestClient.pkiMessage(device.csr(ItDevice.CHALLENGE), device.raEncryption(), device.key(),
            device.selfSigned(), Options.defaults("dbfault-" + device.cn())));
    assertEquals(200, during.status(), during::toString);
    CertRep rep = CertRepReader.read(during.body(), device.key().getPrivate());
    assertEquals("2", rep.pkiStatus(), "a signed FAILURE while the database is away");
    assertTrue(rep.failInfoText().contains("database unavailable"), rep.failInfoText());
  }

  private static CertRep enroll() throws Exception {
    ItDevice device = ItDevice.create(url(), "scep");
    return device.pkcsReq("dbfault-" + device.cn());
  }

  private static void awaitReady() throws Exception {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    HttpResponse<String> ready = get("/status/ready");
    while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      ready = get("/status/ready");
    }
    assertEquals(200, ready.statusCode(), () -> "not ready within " + RECOVERY + " of the database's return");
  }

  /**
   * Readiness says the database is DOWN once its probe has seen it (probes run in the background, their results are
   * kept 5 s), answering fast meanwhile.
   */
  private static void awaitDatabaseDown() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpResponse<String> ready;
    do {
      long start = System.nanoTime();
      ready = get("/status/ready");
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < 2000, "readiness answered in " + millis + " ms");
    } while (!ready.body().contains(DATABASE_DOWN) && System.nanoTime() < deadline && pause());
    assertEquals(503, ready.statusCode(), ready.body());
    assertTrue(ready.body().contains(DATABASE_DOWN), ready.body());
  }

  private static boolean pause() throws InterruptedException {
    Thread.sleep(500);
    return true;
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URL url() throws Exception {
    return node.baseUri().toURL();
  }
}
