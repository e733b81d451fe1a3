package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.interop.JscepEnroll;

/**
 * Enrollment with the jscep 2.5.6 client. jscep needs BouncyCastle 1.73 (scepra uses 1.82), so the driver
 * {@link JscepEnroll} runs in a separate JVM on jscep-lib/*.jar + test-classes.
 */
@ExtendWith(ArquillianExtension.class)
public class JscepEnrollIT {

    static final String CHALLENGE = "it-challenge-3141";
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    /** Enrolment, then jscep's GetCert and GetCRL for the new certificate (-Djscep.retrieve=true). */
    @Test
    void enrollsOnScepPathThenFetchesCertificateAndCrl(@TempDir Path dir) {
        Processes.Result result = enrollAndVerify("scep", dir, "-Djscep.retrieve=true");
        assertTrue(result.output().contains("GetCert: returned the issued certificate"), result::describe);
        assertTrue(result.output().contains("GetCRL: CRL of"), result::describe);
    }

    /** jscep re-keys with a PKCSReq signed by its certificate and no challenge: a renewal. */
    @Test
    void renewsWithPkcsReqSignedByItsCertificate(@TempDir Path dir) {
        Processes.Result result = enrollAndVerify("scep", dir, "-Djscep.renew=true");
        assertTrue(result.output().contains("RENEWED serial"), result::describe);
        X509Certificate renewed = Certs.readCertificate(dir.resolve("out").resolve("renewed.pem"));
        Certs.assertChainsTo(renewed, ScepHttp.caCerts(base, "scep").subList(2, 3));
    }

    @Test
    void enrollsOnCiscoCompatibilityPath(@TempDir Path dir) {
        enrollAndVerify("cgi-bin/pkiclient.exe", dir);
    }

    private Processes.Result enrollAndVerify(String path, Path dir, String... jvmOptions) {
        String cn = "jscep-it-" + UUID.randomUUID();
        Path out = dir.resolve("out");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of(
                "-cp", driverClasspath(),
                JscepEnroll.class.getName(),
                Deployments.resolve(base, path), cn, CHALLENGE, out.toString()));
        Processes.Result result = Processes.run(cmd, dir, TIMEOUT);

        assertTrue(result.succeeded(), result::describe);
        // The default endpoint advertises AES (and POSTPKIOperation): jscep must not fall back to DES.
        assertTrue(result.output().contains("strongest cipher: AES"), result::describe);
        assertTrue(result.output().contains("POST supported: true"), result::describe);

        X509Certificate issued = Certs.readCertificate(out.resolve("cert.pem"));
        Certs.assertIssued(issued, Certs.readPrivateKey(out.resolve("key.pem")), cn, ScepHttp.caCerts(base, path));
        return result;
    }

    /** All jars of ${jscep.lib} (jscep 2.5.6, BC 1.73, ...) followed by the directory holding the driver class. */
    public static String driverClasspath() {
        String lib = System.getProperty("jscep.lib");
        assertTrue(lib != null && Files.isDirectory(Path.of(lib)),
                "system property jscep.lib must name the jscep classpath dir (pom.xml copies it in pre-integration-test): " + lib);
        List<String> entries;
        try (Stream<Path> jars = Files.list(Path.of(lib))) {
            entries = jars.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString).collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(entries.stream().anyMatch(p -> p.contains("jscep-")), () -> "no jscep jar in " + lib);
        assertTrue(entries.stream().anyMatch(p -> p.contains("bcprov-jdk18on-1.73")), () -> "no BC 1.73 in " + lib);
        try {
            entries.add(Path.of(JscepEnroll.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
        return String.join(File.pathSeparator, entries);
    }
}
