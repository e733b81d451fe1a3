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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scepra.it.ItDevice;
import org.scepra.testkit.CertRepReader.CertRep;

/**
 * Payara Micro prepared only by server-configs/payara: scepra.asadmin (PostgreSQL pool and resource, system
 * properties, audit level) as the post-boot file with a user from add-operator.sh --micro, listeners-micro.asadmin as
 * the pre-boot file, the driver by --addlibs. Enrolls through it, stores in PostgreSQL, admin API over HTTPS.
 */
class PayaraScriptedIT {

  private static final int HTTP_PORT = 8490;
  private static final int HTTPS_PORT = 8993;
  private static final String OPERATOR = "alice";
  private static final String OPERATOR_PASSWORD = "alice-operator-pw-7";
  private static final String TLS_PASSWORD = "node-tls-pw-4711";

  private static Process micro;
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
    // the password is neither on the command line nor in the JVM's start-up output
    Path tlsProperties = dir.resolve("tls.properties");
    Files.writeString(tlsProperties, "javax.net.ssl.keyStore=" + tls.keystore() + "\njavax.net.ssl.keyStorePassword="
        + TLS_PASSWORD + "\n");
    Files.setPosixFilePermissions(tlsProperties, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    URI db = URI.create(Postgres.url().substring("jdbc:".length()));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
        "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
        "-jar", System.getProperty("payara.micro.jar"),
        "--deploy", WildFlyNode.builtWar().toString(),
        "--port", String.valueOf(HTTP_PORT), "--sslport", String.valueOf(HTTPS_PORT), "--sslcert", "tls",
        "--nocluster", "--nohazelcast", "--disablephonehome", "--systemproperties", tlsProperties.toString(),
        "--prebootcommandfile", preBoot.toString(), "--postbootcommandfile", postBoot.toString(),
        "--addlibs", System.getProperty("postgresql.jar")));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("micro.log").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("SCEPRA_DB_HOST", db.getHost());
    pb.environment().put("SCEPRA_DB_PORT", String.valueOf(db.getPort()));
    pb.environment().put("SCEPRA_DB_NAME", db.getPath().substring(1));
    pb.environment().put("SCEPRA_DB_USER", Postgres.user());
    pb.environment().put("SCEPRA_DB_PASSWORD", Postgres.password());
    pb.environment().put("SCEPRA_DATA_DIR", dataDir.toString());
    pb.environment().put("SCEPRA_ENDPOINT_DEFAULT_CHALLENGE", ItDevice.CHALLENGE);
    micro = pb.start();
    waitUntilReady();
  }

  private static void waitUntilReady() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(micro.isAlive(), () -> "Payara Micro exited" + tail());
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + HTTP_PORT + "/status/ready")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("Payara Micro not ready" + tail());
  }

  @AfterAll
  static void stopMicro() throws Exception {
    if (micro != null) {
      micro.destroy();
      if (!micro.waitFor(60, TimeUnit.SECONDS)) {
        micro.destroyForcibly();
      }
    }
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

  @Test
  void adminApiOverHttpsForTheScriptsOperatorOnly() throws Exception {
    assertEquals(200, admin(OPERATOR, OPERATOR_PASSWORD).statusCode());
    assertEquals(401, admin(OPERATOR, "not-the-password").statusCode());
    assertEquals(401, admin(null, null).statusCode());
  }

  private static HttpResponse<String> admin(String user, String password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + HTTPS_PORT + "/admin/pending"))
        .timeout(Duration.ofSeconds(30));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String tail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("micro.log"));
      return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
