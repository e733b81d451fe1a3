package org.scepra.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scepra.it.ItDevice;
import org.scepra.it.JscepEnrollIT;
import org.scepra.it.Processes;
import org.scepra.interop.JscepEnroll;

/**
 * scepra.crypto.provider forced to {@code jdk} and to {@code accp}, on WildFly and on Payara Micro, each with the
 * unchanged WAR: the server says which provider it uses (/status/metrics), becomes ready, and jscep (a client written
 * by others) enrolls. The Arquillian suite covers {@code auto}. On WildFly, ACCP survives a redeployment in the same
 * JVM: loaded once, one set of its cleaner threads. An unknown value stops the deployment, naming the key.
 */
class CryptoProviderIT {
  private static final String ACCP = "AmazonCorrettoCryptoProvider";
  private static final Duration TIMEOUT = Duration.ofSeconds(240);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static Path dir;
  /** This build's port offset (the Arquillian server is stopped by the time the node tests run). */
  private static int portOffset;

  @BeforeAll
  static void prepare() throws IOException {
    WildFlyNode.assumeNodesExecution();
    Path nodes = Path.of(System.getProperty("nodes.dir")).toAbsolutePath();
    dir = nodes.resolve("crypto");
    WildFlyNode.deleteTree(dir);
    // each test is a first start, and counts lines in its server's log: no server dir of an earlier run
    for (String name : List.of("crypto-wildfly-jdk", "crypto-wildfly-accp", "crypto-wildfly-unknown")) {
      WildFlyNode.deleteTree(nodes.resolve(name));
    }
    Files.createDirectories(dir);
    portOffset = Integer.getInteger("wildfly.port.offset", 200);
  }

  @Test
  void wildFlyWithTheJdk() throws Exception {
    try (WildFlyNode node = wildFly("crypto-wildfly-jdk", "jdk").build()) {
      node.start(); // inside the try: a start that times out still stops the server
      URI base = node.uri("/");
      awaitReady(base);
      assertWarmed(node.serverLog());
      assertProvider(base, "jdk", "jdk");
      enroll(base);
      assertEquals(0, occurrences(node.serverLog(), "loaded into this JVM"), "jdk never loads ACCP");
    }
  }

  @Test
  void wildFlyWithAccpAcrossARedeployment() throws Exception {
    assumeAccpBuild();
    try (WildFlyNode node = wildFly("crypto-wildfly-accp", "accp").build()) {
      node.start();
      URI base = node.uri("/");
      awaitReady(base);
      assertProvider(base, "accp", ACCP);
      enroll(base);

      Processes.Result redeploy = Processes.run(List.of(node.jbossHome().resolve("bin/jboss-cli.sh").toString(),
          "--connect", "--controller=127.0.0.1:" + node.managementPort(), "--timeout=120000",
          "--command=/deployment=scepra.war:redeploy"), dir, Duration.ofSeconds(180));
      assertTrue(redeploy.succeeded(), redeploy::describe);
      awaitReady(base);
      assertProvider(base, "accp", ACCP);
      enroll(base);
      assertEquals(2, occurrences(node.serverLog(), "scepra.crypto.provider=accp: RSA private-key operations use "
          + ACCP), "both deployments use ACCP");
      assertEquals(1, occurrences(node.serverLog(), ACCP + " 2.4.1 loaded into this JVM"),
          "the second deployment reuses the ACCP the first loaded");
      assertEquals(1, accpCleanerThreads(node), "one ACCP in the JVM, not one per deployment");
    }
  }

  @Test
  void wildFlyRefusesAnUnknownProvider() throws Exception {
    try (WildFlyNode node = wildFly("crypto-wildfly-unknown", "openssl").build()) {
      assertFalse(node.startAllowingFailedDeployment(), "an unknown provider must stop the deployment");
      assertTrue(occurrences(node.serverLog(), "scepra.crypto.provider must be auto, jdk or accp, not 'openssl'") > 0,
          "the log names the key");
    }
  }

  @Test
  void payaraMicroWithTheJdk() throws Exception {
    payaraMicro("micro-jdk", "jdk", "jdk");
  }

  @Test
  void payaraMicroWithAccp() throws Exception {
    assumeAccpBuild();
    payaraMicro("micro-accp", "accp", ACCP);
  }

  private static WildFlyNode.Builder wildFly(String name, String setting) {
    return WildFlyNode.named(name).portOffset(portOffset).dataDir(dir.resolve(name + "-data"))
        .systemProperty("scepra.crypto.provider", setting)
        .env("SCEPRA_ENDPOINT_DEFAULT_CHALLENGE", ItDevice.CHALLENGE);
  }

  private static void payaraMicro(String name, String setting, String provider) throws Exception {
    int port = 8081 + portOffset;
    Path preBoot = dir.resolve(name + "-pre-boot.asadmin");
    Files.writeString(preBoot, "set configs.config.server-config.network-config.network-listeners.network-listener"
        + ".http-listener.address=127.0.0.1\n");
    Path properties = dir.resolve(name + ".properties");
    Files.writeString(properties, "scepra.data-dir=" + dir.resolve(name + "-data") + "\nscepra.crypto.provider="
        + setting + "\n");
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve(name + "-tmp")),
        "-jar", System.getProperty("payara.micro.jar"), "--deploy", WildFlyNode.builtWar().toString(),
        "--port", String.valueOf(port), "--nocluster", "--nohazelcast", "--disablephonehome",
        "--systemproperties", properties.toString(), "--name", name, "--prebootcommandfile", preBoot.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("SCEPRA_ENDPOINT_DEFAULT_CHALLENGE", ItDevice.CHALLENGE);
    Process micro = builder.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + port + "/");
      awaitReady(base, micro, dir.resolve(name + ".log"));
      assertWarmed(dir.resolve(name + ".log"));
      assertProvider(base, setting, provider);
      enroll(base);
    } finally {
      micro.destroy();
      if (!micro.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        micro.destroyForcibly().waitFor();
      }
    }
  }

  private static void assumeAccpBuild() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    assumeTrue(System.getProperty("os.name", "").startsWith("Linux")
        && List.of("amd64", "x86_64", "aarch64").contains(arch), "ACCP publishes no build for this platform");
  }

  private static void awaitReady(URI base) throws Exception {
    awaitReady(base, null, null);
  }

  /** /status/ready is 200 once the database, the backend and the start-up warm-up are done. */
  private static void awaitReady(URI base, Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        throw new AssertionError("the server exited: " + tail(log));
      }
      try {
        HttpResponse<String> ready = get(base.resolve("status/ready"));
        if (ready.statusCode() == 200) {
          assertTrue(ready.body().contains("\"name\":\"warm-up\",\"status\":\"UP\""), ready::body);
          return;
        }
        last = ready.statusCode() + " " + ready.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("not ready after " + TIMEOUT + ": " + last + (log == null ? "" : tail(log)));
  }

  private static void assertProvider(URI base, String setting, String provider) throws Exception {
    String metrics = get(base.resolve("status/metrics")).body();
    Matcher info = Pattern.compile("(?m)^scepra_crypto_provider_info\\{setting=\"([^\"]*)\",provider=\"([^\"]*)\","
        + "version=\"[^\"]*\"} 1$").matcher(metrics);
    assertTrue(info.find(), metrics);
    assertEquals(setting, info.group(1), metrics);
    assertEquals(provider, info.group(2), metrics);
  }

  /** jscep enrolls on /scep with the default endpoint's challenge and gets a certificate that chains to the CA. */
  private static void enroll(URI base) throws Exception {
    Path work = Files.createTempDirectory(dir, "jscep-");
    String cn = "crypto-it-" + UUID.randomUUID();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", JscepEnrollIT.driverClasspath(), JscepEnroll.class.getName(), base.resolve("scep").toString(),
        cn, ItDevice.CHALLENGE, work.resolve("out").toString()));
    Processes.Result result = Processes.run(command, work, Duration.ofSeconds(120));
    assertTrue(result.succeeded(), result::describe);
    assertTrue(Files.isRegularFile(work.resolve("out").resolve("cert.pem")), result::describe);
  }

  private static long accpCleanerThreads(WildFlyNode node) {
    long pid = node.serverJvm().orElseThrow().pid();
    Processes.Result threads = Processes.run(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid), "Thread.print"), dir, Duration.ofSeconds(60));
    assertTrue(threads.succeeded(), threads::describe);
    return threads.output().lines().filter(line -> line.startsWith("\"Native reference cleanup thread")).count();
  }

  /**
   * On a first start the RA certificates are obtained after the deployment; the start-up warm-up waited for them and
   * rehearsed an enrollment on the default endpoint, skipping no step (readiness came after its log line; a few
   * seconds are allowed for a log that reaches its file later).
   */
  private static void assertWarmed(Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (occurrences(log, "scepra warmed endpoint 'default'") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(1, occurrences(log, "scepra warmed endpoint 'default'"), "the warm-up waited for the endpoint");
    assertEquals(0, occurrences(log, "warm-up of endpoint"), "no warm-up step skipped or failed");
  }

  private static long occurrences(Path log, String text) throws IOException {
    return Files.readAllLines(log).stream().filter(line -> line.contains(text)).count();
  }

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return " (no log: " + e + ")";
    }
  }
}
