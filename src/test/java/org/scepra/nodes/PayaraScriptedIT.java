package org.scepra.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.scepra.it.ItDevice;
import org.scepra.testkit.CertRepReader.CertRep;

/**
 * Two Payara Micro instances prepared only by server-configs/payara: scepra.asadmin (PostgreSQL pool and resource,
 * system properties, audit level) as the post-boot file with a user from add-operator.sh --micro,
 * listeners-micro.asadmin as the pre-boot file, the driver by --addlibs. Enrolls through them, stores in the one
 * PostgreSQL both use, admin API over HTTPS; what one instance records the other answers at once. The first starts
 * while its database is away. Launched as the README says, with only the HTTP listeners bound to 127.0.0.1 added,
 * each instance listens on nothing else (no data grid: --nohazelcast, without --nocluster, which would start it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraScriptedIT {

  private static final int HTTP_PORT = 8490;
  private static final int HTTPS_PORT = 8993;
  private static final int SECOND_HTTP_PORT = 8491;
  private static final int SECOND_HTTPS_PORT = 8994;
  private static final String OPERATOR = "alice";
  private static final String OPERATOR_PASSWORD = "alice-operator-pw-7";
  private static final String TLS_PASSWORD = "node-tls-pw-4711";

  private static TcpProxy relay;
  private static Process micro;
  private static Process second;
  private static Path dir;
  private static Path dataDir;
  private static HttpClient https;

  @BeforeAll
  static void startScriptedMicro() throws Exception {
    WildFlyNode.assumeNodesExecution();
    dir = Path.of(System.getProperty("nodes.dir")).resolve("payara-scripted").toAbsolutePath();
    WildFlyNode.deleteTree(dir);
    Files.createDirectories(dir);
    dataDir = dir.resolve("data");
    TlsIdentity tls = TlsIdentity.create(dir.resolve("tls"), TLS_PASSWORD);
    https = tls.client();
    Postgres.reset();
    Path scripts = Path.of(System.getProperty("server.configs", "server-configs")).resolve("payara");

    // post-boot: the production file, then the operator line add-operator.sh prints for Micro
    ProcessBuilder addOperator = new ProcessBuilder(scripts.resolve("add-operator.sh").toString(), "--micro",
        OPERATOR, "scepra-operator").redirectError(ProcessBuilder.Redirect.INHERIT);
    addOperator.environment().put("SCEPRA_OPERATOR_PASSWORD", OPERATOR_PASSWORD);
    addOperator.environment().put("SCEPRA_MICRO_SECRETS_DIR", dir.toString());
    Process p = addOperator.start();
    String userLine = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "add-operator.sh --micro");
    Path postBoot = dir.resolve("post-boot.asadmin");
    Files.writeString(postBoot, Files.readString(scripts.resolve("scepra.asadmin")) + "\n" + userLine);
    // pre-boot: the production listener file, plus this test's loopback-only binding
    Path preBoot = dir.resolve("pre-boot.asadmin");
    Files.writeString(preBoot, Files.readString(scripts.resolve("listeners-micro.asadmin")) + "\n"
        + "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\n"
        + "set configs.config.server-config.network-config.network-listeners.network-listener.https-listener.address=127.0.0.1\n");

    // Micro's HTTPS listener takes its keystore from the JSSE system properties: from a file (mode 600), so that
    // the password is neither on the command line nor in the JVM's start-up output; with it the non-secret
    // scepra.* keys, as the README's Micro command line does
    Path microProperties = dir.resolve("micro.properties");
    Files.writeString(microProperties, "javax.net.ssl.keyStore=" + tls.keystore() + "\njavax.net.ssl.keyStorePassword="
        + TLS_PASSWORD + "\nscepra.endpoints=default,manual\nscepra.endpoint.manual.approval=manual\n");
    Files.setPosixFilePermissions(microProperties, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    // the first instance reaches PostgreSQL through a relay that is cut until the first test restores it
    relay = TcpProxy.start(URI.create(Postgres.url().substring("jdbc:".length())).getPort());
    relay.cut();
    micro = launch("micro", HTTP_PORT, HTTPS_PORT, preBoot, postBoot, microProperties, relay.port());
    waitFor(micro, "micro", HTTP_PORT, "/status/live");
    // a second instance on the same database and data dir, started once the first has created the keys
    second = launch("micro-2", SECOND_HTTP_PORT, SECOND_HTTPS_PORT, preBoot, postBoot, microProperties, 0);
    waitFor(second, "micro-2", SECOND_HTTP_PORT, "/status/ready");
  }

  private static Process launch(String name, int httpPort, int httpsPort, Path preBoot, Path postBoot,
      Path microProperties, int relayPort) throws IOException {
    URI db = URI.create(Postgres.url().substring("jdbc:".length()));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
        "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve(name + "-tmp")),
        "-jar", System.getProperty("payara.micro.jar"),
        "--deploy", WildFlyNode.builtWar().toString(),
        "--port", String.valueOf(httpPort), "--sslport", String.valueOf(httpsPort), "--sslcert", "tls",
        "--nohazelcast", "--disablephonehome", "--systemproperties", microProperties.toString(),
        "--name", name,
        "--prebootcommandfile", preBoot.toString(), "--postbootcommandfile", postBoot.toString(),
        "--addlibs", System.getProperty("postgresql.jar")));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("SCEPRA_DB_HOST", db.getHost());
    pb.environment().put("SCEPRA_DB_PORT", String.valueOf(relayPort != 0 ? relayPort : db.getPort()));
    pb.environment().put("SCEPRA_DB_NAME", db.getPath().substring(1));
    pb.environment().put("SCEPRA_DB_USER", Postgres.user());
    pb.environment().put("SCEPRA_DB_PASSWORD", Postgres.password());
    pb.environment().put("SCEPRA_DATA_DIR", dataDir.toString());
    pb.environment().put("SCEPRA_ENDPOINT_DEFAULT_CHALLENGE", ItDevice.CHALLENGE);
    pb.environment().put("SCEPRA_ENDPOINT_MANUAL_CHALLENGE", ItDevice.CHALLENGE);
    return pb.start();
  }


  private static void waitFor(Process process, String name, int port, String status) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(process.isAlive(), () -> name + " exited" + tail(name));
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + port + status)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(name + ": " + status + " not 200" + tail(name));
  }

  @AfterAll
  static void stopMicros() throws Exception {
    for (Process p : new Process[] {second, micro}) {
      if (p != null) {
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
    if (relay != null) {
      relay.close();
    }
  }

  /**
   * The first instance started while its database was away: deployed all the same, it answers FAILURE and health
   * DOWN (the second instance, on the same database, works), and once the database is back it enrolls, without a
   * restart or a redeploy.
   */
  @Test
  @Order(1)
  void instanceStartedWhileItsDatabaseWasAwayRecoversWhenItReturns() throws Exception {
    URL first = new URL("http://127.0.0.1:" + HTTP_PORT + "/");
    HttpResponse<String> ready = status(HTTP_PORT);
    assertEquals(503, ready.statusCode(), ready.body());
    assertTrue(ready.body().contains("\"name\":\"database\",\"status\":\"DOWN\""), ready.body());
    ItDevice device = ItDevice.create(first, "scep");
    String tx = "payara-away-" + device.cn();
    CertRep refused = device.pkcsReq(tx);
    assertEquals("2", refused.pkiStatus(), "FAILURE while the database is away");
    assertTrue(refused.failInfoText().contains("database unavailable"), refused.failInfoText());
    ItDevice onSecond = ItDevice.create(new URL("http://127.0.0.1:" + SECOND_HTTP_PORT + "/"), "scep");
    assertEquals("0", onSecond.pkcsReq("payara-away-" + onSecond.cn()).pkiStatus(), "the other instance works");

    relay.restore();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (status(HTTP_PORT).statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(1000);
    }
    assertEquals(200, status(HTTP_PORT).statusCode(), "ready within 60 s of the database's return");
    assertEquals("0", device.pkcsReq(tx).pkiStatus(), "the refused request, sent again, is issued");
    assertTrue(micro.isAlive(), "the same process");
  }

  /** Each instance listens on its HTTP and HTTPS port, on 127.0.0.1, and on nothing else. */
  @Test
  void everySocketOfBothInstancesIsOnLoopback() {
    Map<Process, Set<Integer>> instances = Map.of(micro, Set.of(HTTP_PORT, HTTPS_PORT),
        second, Set.of(SECOND_HTTP_PORT, SECOND_HTTPS_PORT));
    instances.forEach((instance, ports) -> {
      List<ListeningSockets.Socket> sockets = ListeningSockets.of(instance.pid());
      assertEquals(ports, sockets.stream().map(ListeningSockets.Socket::port).collect(Collectors.toSet()),
          () -> "instance " + instance.pid() + ": " + sockets);
      assertEquals(List.of(), sockets.stream().filter(s -> !s.onLoopback()).toList(), "beyond loopback");
    });
  }

  private static HttpResponse<String> status(int port) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/status/ready")).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void enrollsAndStoresInPostgres() throws Exception {
    long before = Postgres.count("SELECT count(*) FROM scepra_certificate");
    ItDevice device = ItDevice.create(new URL("http://127.0.0.1:" + HTTP_PORT + "/"), "scep");
    CertRep rep = device.pkcsReq("payara-" + device.cn());
    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    assertEquals(before + 1, Postgres.count("SELECT count(*) FROM scepra_certificate"));
    assertTrue(Files.readString(dir.resolve("micro.log")).contains("scepra stores its data in the server data source jdbc/scepra"));
    assertFalse(Files.exists(dataDir.resolve("db")), "no embedded H2 database when scepra.datasource is set");
    assertTrue(Files.isDirectory(dataDir.resolve("internal-ca")), "keys in SCEPRA_DATA_DIR, via scepra.data-dir");
  }

  /** What one instance changed, the other reads from the database, not from a cache of its own. */
  @Test
  void requestMadeOnOneInstanceIsApprovedThereAndFetchedOnTheOther() throws Exception {
    ItDevice onFirst = ItDevice.create(new URL("http://127.0.0.1:" + HTTP_PORT + "/"), "scep/manual");
    URL secondUrl = new URL("http://127.0.0.1:" + SECOND_HTTP_PORT + "/");
    ItDevice onSecond = new ItDevice(secondUrl, onFirst.path(), onFirst.cn(), onFirst.key(), onFirst.selfSigned(),
        org.scepra.it.ScepHttp.caCerts(secondUrl, "scep/manual"));
    String tx = "payara-pair-" + onFirst.cn();
    assertEquals("3", onFirst.pkcsReq(tx).pkiStatus(), "PENDING on the first");
    assertEquals("3", onSecond.certPoll(tx).pkiStatus(), "the second reads it PENDING (and would cache it)");
    HttpResponse<String> approved = admin(HTTPS_PORT, "POST", "pending/manual/" + tx + "/approve");
    assertEquals(200, approved.statusCode(), approved.body());
    CertRep issued = onSecond.certPoll(tx);
    assertEquals("0", issued.pkiStatus(), "SUCCESS on the second right after the approval on the first");
    assertEquals(onFirst.key().getPublic(), issued.certificates().get(0).getPublicKey());
  }

  @Test
  void adminApiOverHttpsForTheScriptsOperatorOnly() throws Exception {
    assertEquals(200, admin(HTTPS_PORT, "GET", "pending", OPERATOR, OPERATOR_PASSWORD).statusCode());
    assertEquals(200, admin(SECOND_HTTPS_PORT, "GET", "pending", OPERATOR, OPERATOR_PASSWORD).statusCode());
    assertEquals(401, admin(HTTPS_PORT, "GET", "pending", OPERATOR, "not-the-password").statusCode());
    assertEquals(401, admin(HTTPS_PORT, "GET", "pending", null, null).statusCode());
  }

  private static HttpResponse<String> admin(int port, String method, String path) throws Exception {
    return admin(port, method, path, OPERATOR, OPERATOR_PASSWORD);
  }

  private static HttpResponse<String> admin(int port, String method, String path, String user, String password)
      throws Exception {
    return new HttpsAdmin(https, port).send(method, path, user, password);
  }


  private static String tail(String name) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
      return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
