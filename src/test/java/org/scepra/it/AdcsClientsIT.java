package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.interop.JscepEnroll;

/**
 * SCEP clients written by others enroll through AD CS: jscep 2.5.6 (its own JVM) on the client-certificate
 * endpoint, micromdm scepclient (single DES, so the legacy-algorithms endpoint) on the username one. Their
 * certificates come from the AD CS double's issuing CA, with the key usage of the template the profile picked.
 */
@ExtendWith(ArquillianExtension.class)
class AdcsClientsIT {
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  @Test
  void jscepEnrollsThroughCesWithTheClientCertificate(@TempDir Path dir) throws Exception {
    String cn = "jscep-adcs-" + UUID.randomUUID();
    Path out = dir.resolve("out");
    Processes.Result result = Processes.run(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", JscepEnrollIT.driverClasspath(), JscepEnroll.class.getName(),
        Deployments.resolve(base, AdcsIT.CERT_PATH), cn, ItDevice.CHALLENGE, out.toString()), dir, TIMEOUT);
    assertTrue(result.succeeded(), result::describe);
    assertTrue(result.output().contains("strongest cipher: AES"), result::describe);
    X509Certificate issued = Certs.readCertificate(out.resolve("cert.pem"));
    List<X509Certificate> caCerts = ScepHttp.caCerts(base, AdcsIT.CERT_PATH);
    Certs.assertIssued(issued, Certs.readPrivateKey(out.resolve("key.pem")), cn, caCerts);
    assertEquals(AdcsIT.ces().caChain().get(0).getSubjectX500Principal(), issued.getIssuerX500Principal());
  }

  @Test
  void scepclientEnrollsThroughCesWithTheUsernameToken(@TempDir Path dir) throws Exception {
    String cn = "scepclient-adcs-" + UUID.randomUUID();
    Processes.Result result = Processes.run(List.of(ScepclientEnrollIT.SCEPCLIENT,
        "-server-url", Deployments.resolve(base, AdcsIT.USER_PATH),
        "-challenge", ItDevice.CHALLENGE, "-cn", cn, "-keySize", "2048",
        "-private-key", dir.resolve("key.pem").toString(),
        "-certificate", dir.resolve("cert.pem").toString()), dir, TIMEOUT);
    assertTrue(result.succeeded(), result::describe);
    assertTrue(Files.isRegularFile(dir.resolve("cert.pem")), result::describe);
    X509Certificate issued = Certs.readCertificate(dir.resolve("cert.pem"));
    Certs.assertIssued(issued, Certs.readPrivateKey(dir.resolve("key.pem")), cn,
        ScepHttp.caCerts(base, AdcsIT.USER_PATH));
    assertEquals(AdcsIT.ces().caChain().get(0).getSubjectX500Principal(), issued.getIssuerX500Principal());
  }
}
