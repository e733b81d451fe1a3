package org.scepra.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.interop.JscepEnroll;
import org.scepra.it.Certs;
import org.scepra.it.ItDevice;
import org.scepra.it.JscepEnrollIT;
import org.scepra.it.Processes;
import org.scepra.it.ScepHttp;

/**
 * A Payara Server domain set up by the commands of server-configs/payara/README.md, read from the README and run as
 * written, against PostgreSQL: readiness, an operator over HTTPS, an enrollment by jscep, and no socket of the
 * server beyond 127.0.0.1, from its first start on. What the test changes: the README's values (installation,
 * driver, keystore, and 127.0.0.1 as the listen address), port base 14000 without create-domain's port probes, and
 * the environment the README asks for (the admin's password file, secrets), plus asadmin's AS_ADMIN_PORT for the
 * port base and a HOME of its own.
 */
class PayaraServerScriptedIT {

  private static final int PORT_BASE = 14000;
  private static final int ADMIN_PORT = PORT_BASE + 48;
  private static final int HTTP_PORT = PORT_BASE + 80;
  private static final int HTTPS_PORT = PORT_BASE + 81;
  private static final int HAZELCAST_PORT = PORT_BASE + 49;
  private static final int JMS_PORT = PORT_BASE + 76;
  private static final int JMX_PORT = PORT_BASE + 86;
  private static final String ADMIN_PASSWORD = "payara-admin-pw-5";
  private static final String OPERATOR = "alice";
  private static final String OPERATOR_PASSWORD = "alice-operator-pw-7";
  private static final String TLS_PASSWORD = "node-tls-pw-4711";

  private static Path dir;
  private static PayaraDomain domain;
  private static Map<String, String> env;
  private static List<ListeningSockets.Socket> atFirstStart;
  private static HttpClient https;

  @BeforeAll
  static void setUpTheDomainAsTheReadmeSays() throws Exception {
    WildFlyNode.assumeNodesExecution();
    dir = ScriptedWildFly.nodesDir().resolve("payara-server");
    WildFlyNode.deleteTree(dir);
    Files.createDirectories(dir);
    Path home = Path.of(System.getProperty("payara.server.home")).toAbsolutePath().normalize();
    domain = new PayaraDomain(home, "scepra");
    assertFalse(listening(ADMIN_PORT), "port " + ADMIN_PORT + " is taken: a domain of an earlier run still up? "
        + home + "/bin/asadmin --port " + ADMIN_PORT + " stop-domain scepra");
    WildFlyNode.deleteTree(domain.dir());
    TlsIdentity tls = TlsIdentity.create(dir.resolve("tls"), TLS_PASSWORD);
    https = tls.client();
    Postgres.reset();
    env = environment(home);

    Path checkout = Path.of(System.getProperty("server.configs", "server-configs")).toAbsolutePath().getParent();
    ReadmeScript readme = ReadmeScript.section(checkout.resolve("server-configs/payara/README.md"), "## Payara Server")
        .withValues(Map.of("PAYARA_HOME", home.toString(), "POSTGRESQL_JAR", System.getProperty("postgresql.jar"),
            "TLS_KEYSTORE", tls.keystore().toString(), "LISTEN_ADDRESS", "127.0.0.1"))
        .replacing("asadmin create-domain ", "asadmin create-domain --portbase " + PORT_BASE + " --checkports=false ");
    readme.through("asadmin start-domain ").run(checkout, env, dir.resolve("first-start.log"), Duration.ofMinutes(10));
    atFirstStart = domain.socketsOnceListening(JMX_PORT); // the last listener up
    readme.after("asadmin start-domain ").run(checkout, env, dir.resolve("set-up.log"), Duration.ofMinutes(20));
    awaitReady();
  }

  /** The server's environment as the README describes it, and asadmin's. */
  private static Map<String, String> environment(Path home) throws IOException {
    Path adminPasswordFile = dir.resolve("asadmin.pass");
    Files.writeString(adminPasswordFile, "AS_ADMIN_PASSWORD=" + ADMIN_PASSWORD + "\n");
    Files.setPosixFilePermissions(adminPasswordFile, PosixFilePermissions.fromString("rw-------"));
    URI db = URI.create(Postgres.url().substring("jdbc:".length()));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", Files.createDirectories(dir.resolve("home")).toString()); // asadmin keeps its files there
    env.put("AS_JAVA", System.getProperty("java.home"));
    env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
    env.put("AS_ADMIN_USER", "admin");
    env.put("AS_ADMIN_PASSWORDFILE", adminPasswordFile.toString());
    env.put("AS_ADMIN_PORT", String.valueOf(ADMIN_PORT));
    env.put("SCEPRA_DB_HOST", db.getHost());
    env.put("SCEPRA_DB_PORT", String.valueOf(db.getPort()));
    env.put("SCEPRA_DB_NAME", db.getPath().substring(1));
    env.put("SCEPRA_DB_USER", Postgres.user());
    env.put("SCEPRA_DB_PASSWORD", Postgres.password());
    env.put("SCEPRA_DATA_DIR", dir.resolve("data").toString());
    env.put("SCEPRA_ENDPOINT_DEFAULT_CHALLENGE", ItDevice.CHALLENGE);
    env.put("SCEPRA_OPERATOR_PASSWORD", OPERATOR_PASSWORD);
    env.put("SCEPRA_TLS_KEYSTORE_PASSWORD", TLS_PASSWORD);
    env.put("PAYARA_MASTER_PASSWORD", "changeit"); // create-domain's default master password
    return env;
  }

  @AfterAll
  static void stopDomain() throws Exception {
    if (domain != null && env != null) {
      domain.stop(env, dir.resolve("stop-domain.log"));
    }
  }

  @Test
  void everySocketOfTheFirstStartIsOnLoopback() {
    assertTrue(atFirstStart.stream().map(ListeningSockets.Socket::port).toList()
        .containsAll(List.of(ADMIN_PORT, HTTP_PORT, HTTPS_PORT, JMX_PORT)), () -> "the listeners: " + atFirstStart);
    assertEquals(List.of(), atFirstStart.stream().filter(s -> !s.onLoopback()).toList(), "beyond loopback");
  }

  /** Set up, deployed and used: still nothing beyond loopback, and no data grid or JMS broker, not even there. */
  @Test
  void everySocketOfTheConfiguredServerIsOnLoopback() throws Exception {
    assertEquals(200, get(URI.create("http://127.0.0.1:" + HTTP_PORT + "/status/ready")).statusCode());
    List<ListeningSockets.Socket> sockets = domain.sockets();
    List<Integer> ports = sockets.stream().map(ListeningSockets.Socket::port).toList();
    assertTrue(ports.containsAll(List.of(ADMIN_PORT, HTTP_PORT, HTTPS_PORT)), sockets::toString);
    assertFalse(ports.contains(HAZELCAST_PORT) || ports.contains(JMS_PORT), () -> "Hazelcast or JMS: " + sockets);
    assertEquals(List.of(), sockets.stream().filter(s -> !s.onLoopback()).toList(), "beyond loopback");
  }

  @Test
  void readyOnPostgres() throws Exception {
    HttpResponse<String> ready = get(URI.create("http://127.0.0.1:" + HTTP_PORT + "/status/ready"));
    assertEquals(200, ready.statusCode(), ready.body());
    assertTrue(ready.body().contains("\"name\":\"database\",\"status\":\"UP\""), ready.body());
    assertTrue(Files.readString(domain.serverLog())
        .contains("scepra stores its data in the server data source jdbc/scepra"));
    assertFalse(Files.exists(dir.resolve("data/db")), "no embedded H2 database when scepra.datasource is set");
  }

  @Test
  void adminApiOverHttpsForTheScriptsOperatorOnly() throws Exception {
    HttpsAdmin admin = new HttpsAdmin(https, HTTPS_PORT);
    assertEquals(200, admin.send("GET", "pending", OPERATOR, OPERATOR_PASSWORD).statusCode());
    assertEquals(401, admin.send("GET", "pending", OPERATOR, "not-the-password").statusCode());
    assertEquals(401, admin.send("GET", "pending", null, null).statusCode());
  }

  /** A real client, jscep 2.5.6 in its own JVM. */
  @Test
  void jscepEnrolls(@TempDir Path tmp) throws Exception {
    String cn = "jscep-payara-server-" + UUID.randomUUID();
    Path out = tmp.resolve("out");
    URL base = new URL("http://127.0.0.1:" + HTTP_PORT + "/");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", JscepEnrollIT.driverClasspath(), JscepEnroll.class.getName(),
        base + "scep", cn, ItDevice.CHALLENGE, out.toString()));
    Processes.Result result = Processes.run(command, tmp, Duration.ofSeconds(120));
    assertTrue(result.succeeded(), result::describe);
    X509Certificate issued = Certs.readCertificate(out.resolve("cert.pem"));
    Certs.assertIssued(issued, Certs.readPrivateKey(out.resolve("key.pem")), cn, ScepHttp.caCerts(base, "scep"));
    assertEquals(1, Postgres.count("SELECT count(*) FROM scepra_certificate WHERE subject LIKE '%" + cn + "%'"),
        "the certificate is recorded in PostgreSQL");
  }

  private static void awaitReady() throws Exception {
    URI ready = URI.create("http://127.0.0.1:" + HTTP_PORT + "/status/ready");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    int status = -1;
    while (System.nanoTime() < deadline) {
      try {
        status = get(ready).statusCode();
        if (status == 200) {
          return;
        }
      } catch (IOException notYet) {
        // deploying
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("/status/ready answered " + status + " for 3 minutes after deploy");
  }

  private static boolean listening(int port) {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
