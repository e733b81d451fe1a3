package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrollment with micromdm scepclient (Debian package "scep"), a real Go client. It always encrypts with single
 * DES and signs with SHA-1, so it only succeeds on an endpoint with legacy algorithms enabled. It is run without
 * -ca-fingerprint, so it encrypts to every certificate from GetCACert.
 */
@ExtendWith(ArquillianExtension.class)
class ScepclientEnrollIT {

    static final String SCEPCLIENT = System.getProperty("scepclient", "/usr/bin/scepclient");
    static final String CHALLENGE = "it-challenge-3141";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void scepclientInstalled() {
        assertTrue(Files.isExecutable(Path.of(SCEPCLIENT)),
                SCEPCLIENT + " not found: install the Debian package 'scep' (.ci/run does)");
    }

    private Processes.Result scepclient(String path, String cn, Path dir) {
        return scepclient(path, cn, dir, CHALLENGE);
    }

    private Processes.Result scepclient(String path, String cn, Path dir, String challenge) {
        return Processes.run(List.of(SCEPCLIENT,
                "-server-url", Deployments.resolve(base, path),
                "-challenge", challenge,
                "-cn", cn,
                "-keySize", "2048",
                "-private-key", dir.resolve("key.pem").toString(),
                "-certificate", dir.resolve("cert.pem").toString()), dir, TIMEOUT);
    }

    @Test
    void enrollsOnLegacyEndpoint(@TempDir Path dir) {
        String cn = "scepclient-it-" + UUID.randomUUID();
        Processes.Result result = scepclient("scep/legacy", cn, dir);

        assertTrue(result.succeeded(), result::describe);
        Path certFile = dir.resolve("cert.pem");
        assertTrue(Files.isRegularFile(certFile), () -> "no cert.pem written\n" + result.describe());

        X509Certificate issued = Certs.readCertificate(certFile);
        List<X509Certificate> caCert = ScepHttp.caCerts(base, "scep/legacy");
        Certs.assertIssued(issued, Certs.readPrivateKey(dir.resolve("key.pem")), cn, caCert);
    }

    /** With cert.pem present scepclient sends a RenewalReq (17) signed by it; the challenge is not needed. */
    @Test
    void renewsWithRenewalReqSignedByItsCertificate(@TempDir Path dir) throws Exception {
        String cn = "scepclient-renew-" + UUID.randomUUID();
        Processes.Result first = scepclient("scep/legacy", cn, dir);
        assertTrue(first.succeeded(), first::describe);
        X509Certificate old = Certs.readCertificate(dir.resolve("cert.pem"));

        Processes.Result renewal = scepclient("scep/legacy", cn, dir, "not-the-challenge");
        assertTrue(renewal.succeeded(), renewal::describe);
        X509Certificate renewed = Certs.readCertificate(dir.resolve("cert.pem"));
        assertTrue(!renewed.getSerialNumber().equals(old.getSerialNumber()), () -> "no new certificate\n" + renewal.describe());
        Certs.assertIssued(renewed, Certs.readPrivateKey(dir.resolve("key.pem")), cn, ScepHttp.caCerts(base, "scep/legacy"));
    }

    @Test
    void isRefusedWithoutLegacyAlgorithms(@TempDir Path dir) {
        String cn = "scepclient-it-" + UUID.randomUUID();
        Processes.Result result = scepclient("scep/default", cn, dir);

        assertFalse(result.timedOut(), result::describe);
        assertTrue(result.exitCode() != 0, () -> "DES/SHA-1 enrollment must fail when legacy algorithms are off\n" + result.describe());
        assertFalse(Files.exists(dir.resolve("cert.pem")), () -> "a certificate was written\n" + result.describe());
        // a signed CertRep FAILURE (not an HTTP error): scepclient 2.1.0 prints "... failInfo: badAlg (0)"
        assertTrue(result.output().contains("failInfo: badAlg"),
                () -> "expected a CertRep FAILURE with failInfo badAlg\n" + result.describe());
    }
}
