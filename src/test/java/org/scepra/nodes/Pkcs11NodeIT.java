package org.scepra.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scepra.interop.JscepEnroll;
import org.scepra.it.ItDevice;
import org.scepra.it.JscepEnrollIT;
import org.scepra.it.Processes;
import org.scepra.it.ScepHttp;

/**
 * The default endpoint's RA keys and the internal CA's key in a PKCS#11 token (SoftHSM2, a token of its own under
 * target/nodes), on a real WildFly: the first start generates the keys in the token and the data dir holds no private
 * key, jscep enrolls, a restart finds the same keys, and a wrong PIN makes readiness DOWN naming the refused PIN while
 * no enrollment succeeds. The PIN reaches the server as SCEPRA_PKCS11_PIN, as the README tells administrators.
 */
class Pkcs11NodeIT {
  private static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  private static final String TOKEN = "scepra-node";
  private static final String PIN = "node-hsm-pin-8642";
  private static final String WRONG_PIN = "node-hsm-wrong-pin-9753";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

  private static Path dir;
  private static Path softhsmConf;
  private static int portOffset;

  @BeforeAll
  static void token() throws Exception {
    WildFlyNode.assumeNodesExecution();
    assumeTrue(Files.isReadable(LIBRARY), "SoftHSM2 is not installed (.ci/run installs softhsm2)");
    dir = Path.of(System.getProperty("nodes.dir")).resolve("pkcs11").toAbsolutePath();
    WildFlyNode.deleteTree(dir);
    Path tokens = Files.createDirectories(dir.resolve("softhsm-tokens"));
    softhsmConf = dir.resolve("softhsm2.conf");
    Files.writeString(softhsmConf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
        + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.US_ASCII);
    ProcessBuilder init = new ProcessBuilder("/usr/bin/softhsm2-util", "--init-token", "--free", "--label", TOKEN,
        "--pin", PIN, "--so-pin", "node-hsm-so-1357").redirectErrorStream(true);
    init.environment().put("SOFTHSM2_CONF", softhsmConf.toString());
    Process process = init.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);
    // ports of its own (HTTP 9380 by default): the Arquillian server or another build may hold the suite's offset
    portOffset = Integer.getInteger("wildfly.port.offset", 200) + 1100;
  }

  private static WildFlyNode node(String pin) {
    return WildFlyNode.named("pkcs11-wildfly").portOffset(portOffset).dataDir(dir.resolve("data"))
        .systemProperty("scepra.pkcs11.library", LIBRARY.toString())
        .systemProperty("scepra.pkcs11.token-label", TOKEN)
        .systemProperty("scepra.endpoint.default.keys", "pkcs11")
        .systemProperty("scepra.internal-ca.keys", "pkcs11")
        // micromdm scepclient encrypts with single DES and signs with SHA-1
        .systemProperty("scepra.endpoint.default.legacy-algorithms", "true")
        .env("SCEPRA_PKCS11_PIN", pin)
        .env("SOFTHSM2_CONF", softhsmConf.toString())
        .env("SCEPRA_ENDPOINT_DEFAULT_CHALLENGE", ItDevice.CHALLENGE)
        .build();
  }

  @Test
  void keysGeneratedInTheTokenSurviveARestartAndAWrongPinStopsEnrollment() throws Exception {
    List<X509Certificate> first;
    try (WildFlyNode node = node(PIN)) {
      node.start(); // inside the try: a start that times out still stops the server
      NodeStatus.Readiness ready = NodeStatus.awaitReady(node, READY_TIMEOUT);
      assertEquals("UP", ready.check("pkcs11"), ready::toString);
      first = caCertificates(node);
      assertTrue(enroll(node).succeeded(), "jscep enrolls with the keys in the token");
      Processes.Result scepclient = scepclient(node);
      assertTrue(scepclient.succeeded(), "scepclient enrolls with the keys in the token: " + scepclient.describe());
      node.stop();
    }
    assertNoPrivateKeyOnDisk(dir.resolve("data"), "internal-ca/ca.pem");
    assertTrue(Files.isRegularFile(dir.resolve("data/ra/default.pkcs11")), "the RA keys' labels are written down");

    try (WildFlyNode node = node(PIN)) {
      node.start();
      NodeStatus.awaitReady(node, READY_TIMEOUT);
      List<X509Certificate> again = caCertificates(node);
      assertEquals(publicKeys(first), publicKeys(again), "the restart serves the same RA and CA keys");
      assertEquals(first, again);
      assertTrue(enroll(node).succeeded(), "jscep enrolls after the restart");
      node.stop();
    }

    try (WildFlyNode node = node(WRONG_PIN)) {
      node.start();
      NodeStatus.Readiness ready = NodeStatus.readiness(node);
      assertEquals(503, ready.httpStatus(), ready::toString);
      assertEquals("DOWN", ready.check("pkcs11"), ready::toString);
      assertTrue(ready.body().contains("refused to log in with scepra.pkcs11.pin"), ready::toString);
      assertTrue(ready.body().contains("CKR_PIN_INCORRECT"), ready::toString);
      Processes.Result refused = enroll(node);
      assertFalse(refused.succeeded(), "no enrollment while the token refuses the PIN: " + refused.describe());
      Processes.Result scepclient = scepclient(node);
      assertFalse(scepclient.succeeded(), "no scepclient enrollment while the token refuses the PIN: "
          + scepclient.describe());
      node.stop();
      String log = Files.readString(node.serverLog());
      assertTrue(log.contains("CKR_PIN_INCORRECT"), "the log says why");
      assertFalse(log.contains(PIN) || log.contains(WRONG_PIN), "a PIN was logged");
    }
    assertNoPrivateKeyOnDisk(dir.resolve("data"), "internal-ca/ca.pem");
  }

  /**
   * Payara Micro, the other server scepra supports: its own data dir and CA label ({@code internal-ca-payara}), the
   * same token; the first start generates, jscep enrolls, the restart serves the same keys.
   */
  @Test
  void payaraMicroGeneratesInTheTokenAndReusesAfterARestart() throws Exception {
    Path data = dir.resolve("payara-data");
    List<X509Certificate> first = payaraMicro("pkcs11-micro-1", data);
    List<X509Certificate> again = payaraMicro("pkcs11-micro-2", data);
    assertEquals(publicKeys(first), publicKeys(again), "the restart serves the same RA and CA keys");
    assertNoPrivateKeyOnDisk(data, "internal-ca-payara/ca.pem");
  }

  /** Starts Payara Micro, waits for readiness, enrolls with jscep, stops it; GetCACert's certificates. */
  private static List<X509Certificate> payaraMicro(String name, Path data) throws Exception {
    int port = 8081 + portOffset;
    Path preBoot = dir.resolve(name + "-pre-boot.asadmin");
    Files.writeString(preBoot, "set configs.config.server-config.network-config.network-listeners.network-listener"
        + ".http-listener.address=127.0.0.1\n");
    Path properties = dir.resolve(name + ".properties");
    Files.writeString(properties, "scepra.data-dir=" + data + "\nscepra.pkcs11.library=" + LIBRARY
        + "\nscepra.pkcs11.token-label=" + TOKEN + "\nscepra.endpoint.default.keys=pkcs11\n"
        + "scepra.internal-ca.keys=pkcs11\nscepra.internal-ca.keystore=" + data.resolve("internal-ca-payara/ca.p12")
        + "\n");
    Path log = dir.resolve(name + ".log");
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve(name + "-tmp")),
        "-jar", System.getProperty("payara.micro.jar"), "--deploy", WildFlyNode.builtWar().toString(),
        "--port", String.valueOf(port), "--nocluster", "--nohazelcast", "--disablephonehome",
        "--systemproperties", properties.toString(), "--name", name, "--prebootcommandfile", preBoot.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("SCEPRA_PKCS11_PIN", PIN);
    builder.environment().put("SOFTHSM2_CONF", softhsmConf.toString());
    builder.environment().put("SCEPRA_ENDPOINT_DEFAULT_CHALLENGE", ItDevice.CHALLENGE);
    Process micro = builder.start();
    try {
      java.net.URI base = java.net.URI.create("http://127.0.0.1:" + port + "/");
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      String last = "no answer";
      while (true) {
        if (!micro.isAlive()) {
          throw new AssertionError(name + " exited: " + Files.readString(log));
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(name + " not ready after " + READY_TIMEOUT + ": " + last);
        }
        try {
          NodeScep.Answer ready = NodeScep.get(base.resolve("status/ready"), Duration.ofSeconds(30));
          last = ready.status() + " " + ready.text();
          if (ready.status() == 200) {
            assertTrue(last.contains("\"name\":\"pkcs11\",\"status\":\"UP\""), last);
            break;
          }
        } catch (IOException e) {
          last = e.toString();
        }
        Thread.sleep(500);
      }
      NodeScep.Answer caCert = NodeScep.get(base.resolve("scep?operation=GetCACert"), Duration.ofSeconds(60));
      assertEquals(200, caCert.status(), caCert::text);
      assertTrue(enroll(base.resolve("scep")).succeeded(), name + ": jscep enrolls with the keys in the token");
      return ScepHttp.certificatesInOrder(caCert.body());
    } finally {
      micro.destroy();
      if (!micro.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        micro.destroyForcibly().waitFor();
      }
    }
  }

  private static List<X509Certificate> caCertificates(WildFlyNode node) throws IOException {
    NodeScep.Answer answer = NodeScep.get(node.uri("/scep?operation=GetCACert"), Duration.ofSeconds(60));
    assertEquals(200, answer.status(), answer::text);
    return ScepHttp.certificatesInOrder(answer.body());
  }

  private static List<PublicKey> publicKeys(List<X509Certificate> certificates) {
    return certificates.stream().map(X509Certificate::getPublicKey).toList();
  }

  /** No keystore, and no file with a private key, anywhere in the data dir: the keys are in the token. */
  private static void assertNoPrivateKeyOnDisk(Path data, String caCertificate) throws IOException {
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(data)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        files.add(data.relativize(file).toString());
        assertFalse(name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks") || name.endsWith(".key"),
            "a keystore in the data dir: " + file);
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("PRIVATE KEY"), "a private key in " + file);
      }
    }
    assertTrue(files.contains(caCertificate), "the CA certificate is kept: " + files);
  }

  /** micromdm scepclient (a Go client; .ci/run installs it) enrolls on /scep; a certificate only on success. */
  private static Processes.Result scepclient(WildFlyNode node) throws IOException {
    Path scepclient = Path.of(System.getProperty("scepclient", "/usr/bin/scepclient"));
    assertTrue(Files.isExecutable(scepclient), scepclient + " not found: install the Debian package 'scep' (.ci/run does)");
    Path work = Files.createTempDirectory(dir, "scepclient-");
    Processes.Result result = Processes.run(List.of(scepclient.toString(), "-server-url", node.uri("/scep").toString(),
        "-challenge", ItDevice.CHALLENGE, "-cn", "pkcs11-scepclient-" + UUID.randomUUID(), "-keySize", "2048",
        "-private-key", work.resolve("key.pem").toString(), "-certificate", work.resolve("cert.pem").toString()),
        work, Duration.ofSeconds(60));
    assertEquals(result.succeeded(), Files.isRegularFile(work.resolve("cert.pem")), result::describe);
    return result;
  }

  /** jscep enrolls on /scep with the default endpoint's challenge. */
  private static Processes.Result enroll(WildFlyNode node) throws IOException {
    return enroll(node.uri("/scep"));
  }

  private static Processes.Result enroll(java.net.URI scep) throws IOException {
    Path work = Files.createTempDirectory(dir, "jscep-");
    String cn = "pkcs11-it-" + UUID.randomUUID();
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", JscepEnrollIT.driverClasspath(), JscepEnroll.class.getName(), scep.toString(), cn,
        ItDevice.CHALLENGE, work.resolve("out").toString());
    Processes.Result result = Processes.run(command, work, Duration.ofSeconds(120));
    if (result.succeeded()) {
      assertTrue(Files.isRegularFile(work.resolve("out").resolve("cert.pem")), result::describe);
    } else {
      assertFalse(Files.exists(work.resolve("out").resolve("cert.pem")), result::describe);
    }
    return result;
  }
}
