package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrollment with Debian's certmonger (AES-256-CBC, SHA-256, PKIOperation by GET), through the script the README's
 * first example runs ({@code server-configs/clients/certmonger-enroll.sh}): a private certmonger on its own session
 * bus, the challenge read from a file. What a newcomer pastes is what this test runs, on the secure defaults.
 */
@ExtendWith(ArquillianExtension.class)
class CertmongerEnrollIT {

  static final Path SCRIPT = Path.of("server-configs", "clients", "certmonger-enroll.sh");
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  @BeforeAll
  static void certmongerInstalled() {
    assertTrue(Files.isExecutable(Path.of("/usr/sbin/certmonger")) && Files.isExecutable(Path.of("/usr/bin/getcert")),
        "certmonger not found: install the Debian packages 'certmonger' and 'dbus' (.ci/run does)");
  }

  private Processes.Result enroll(Path dir, String cn, String challenge) throws Exception {
    Path challengeFile = dir.resolve("challenge");
    Files.writeString(challengeFile, challenge, StandardCharsets.US_ASCII);
    return Processes.run(List.of(SCRIPT.toAbsolutePath().toString(), "-u", Deployments.resolve(base, "scep"),
        "-l", challengeFile.toString(), "-d", dir.toString(), cn), dir, TIMEOUT);
  }

  @Test
  void enrollsOnTheSecureDefaults(@TempDir Path dir) throws Exception {
    String cn = "certmonger-" + UUID.randomUUID();
    Processes.Result result = enroll(dir, cn, ItDevice.CHALLENGE);

    assertTrue(result.succeeded(), result::describe);
    assertTrue(result.output().contains("status: MONITORING"), result::describe);
    X509Certificate issued = Certs.readCertificate(dir.resolve(cn + ".crt"));
    Certs.assertIssued(issued, Certs.readPrivateKey(dir.resolve(cn + ".key")), cn, ScepHttp.caCerts(base, "scep"));
  }

  @Test
  void aWrongChallengeIssuesNothing(@TempDir Path dir) throws Exception {
    String cn = "certmonger-refused-" + UUID.randomUUID();
    Processes.Result result = enroll(dir, cn, "not-the-challenge");

    assertFalse(result.timedOut(), result::describe);
    assertTrue(result.exitCode() == 1, result::describe);
    assertFalse(Files.exists(dir.resolve(cn + ".crt")), result::describe);
    assertFalse(result.output().contains("status: MONITORING"), result::describe);
  }
}
