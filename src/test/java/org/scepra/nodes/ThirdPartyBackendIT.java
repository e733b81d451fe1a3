package org.scepra.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
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
 * A backend written outside scepra (backends/example/backend: its own package, built against org.scepra:scepra-spi
 * only) added to the unchanged scepra.war as README "Writing a backend" says (its jar in WEB-INF/lib), selected by
 * configuration for one endpoint, and a real client (jscep) enrolling through it.
 */
class ThirdPartyBackendIT {

  static WildFlyNode node;

  @BeforeAll
  static void start() throws Exception {
    WildFlyNode.assumeNodesExecution();
    Path dir = Path.of(System.getProperty("nodes.dir")).toAbsolutePath().resolve("third-party");
    WildFlyNode.deleteTree(dir);
    Files.createDirectories(dir);
    Path backendJar = Path.of(System.getProperty("example.backend.jar"));
    Path war = withLibrary(WildFlyNode.builtWar(), backendJar, dir.resolve("scepra.war"));
    node = WildFlyNode.named("third-party").portOffset(700).war(war)
        .dataDir(dir.resolve("scepra-data"))
        .env("SCEPRA_ENDPOINT_EXAMPLE_CHALLENGE", ItDevice.CHALLENGE)
        .systemProperty("scepra.endpoints", "default,example")
        .systemProperty("scepra.endpoint.example.backend", "example")
        .build();
    node.start();
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
  }

  @Test
  void jscepEnrollsThroughTheThirdPartyBackend(@TempDir Path dir) throws Exception {
    String cn = "third-party-" + UUID.randomUUID();
    Path out = dir.resolve("out");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", JscepEnrollIT.driverClasspath(), JscepEnroll.class.getName(),
        node.uri("/scep/example").toString(), cn, ItDevice.CHALLENGE, out.toString()));
    Processes.Result result = Processes.run(command, dir, Duration.ofSeconds(120));
    assertTrue(result.succeeded(), result::describe);

    X509Certificate issued = Certs.readCertificate(out.resolve("cert.pem"));
    List<X509Certificate> caCerts = ScepHttp.caCerts(node.baseUri().toURL(), "scep/example");
    Certs.assertIssued(issued, Certs.readPrivateKey(out.resolve("key.pem")), cn, caCerts);
    X509Certificate exampleCa = caCerts.get(caCerts.size() - 1);
    assertEquals(exampleCa.getSubjectX500Principal(), issued.getIssuerX500Principal());
    assertTrue(exampleCa.getSubjectX500Principal().getName().contains("CN=Example CA (in memory)"),
        () -> "issued by the example backend's CA, not the internal CA: " + exampleCa.getSubjectX500Principal());
    String ready = new String(node.uri("/status/ready").toURL().openStream().readAllBytes());
    assertTrue(ready.contains("backend:example:example") && ready.contains("example CA"), ready);
  }

  /** scepra.war with one more jar in WEB-INF/lib: what a Maven WAR overlay (or a zip tool) makes. */
  static Path withLibrary(Path war, Path library, Path target) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        in.transferTo(out);
        out.closeEntry();
      }
      out.putNextEntry(new ZipEntry("WEB-INF/lib/" + library.getFileName()));
      try (InputStream jar = Files.newInputStream(library)) {
        jar.transferTo(out);
      }
      out.closeEntry();
    }
    return target;
  }
}
