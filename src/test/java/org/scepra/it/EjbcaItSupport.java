package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.scepra.backend.ejbca.StandaloneEjbcaDouble;
import org.scepra.interop.JscepEnroll;
import org.scepra.testkit.CertRepReader.CertRep;

/** What EjbcaIT checks besides plain SCEP answers: an endpoint not serving, RA certificates, jscep, CRLs. */
final class EjbcaItSupport {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(10)).build();
  private static final Duration JSCEP_TIMEOUT = Duration.ofSeconds(180);

  private EjbcaItSupport() {}

  /** HTTP 503 with a Retry-After and a plain text, as for every request to an endpoint that is not serving. */
  static void assertNotServing(URL base, String relative) throws IOException, InterruptedException {
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(Deployments.resolve(base, relative)))
        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(503, response.statusCode(), response::body);
    long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElse("-1"));
    assertTrue(retryAfter >= 1 && retryAfter <= 300, "Retry-After " + retryAfter);
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertEquals("this SCEP endpoint is not available yet, try again later", response.body());
  }

  /** Issued by the CA, an end entity, with exactly one key usage (0 digitalSignature, 2 keyEncipherment). */
  static void assertRaCertificate(X509Certificate ra, X509Certificate ca, int keyUsage, String why)
      throws GeneralSecurityException {
    ra.verify(ca.getPublicKey());
    assertTrue(ra.getBasicConstraints() < 0, "an end entity");
    boolean[] usage = ra.getKeyUsage();
    for (int bit = 0; bit < usage.length; bit++) {
      assertEquals(bit == keyUsage, usage[bit], ra.getSubjectX500Principal() + ": " + why + ", bit " + bit);
    }
  }

  /** JscepEnroll in its own JVM (jscep needs BouncyCastle 1.73) against {@code path}; asserts it succeeded. */
  static Processes.Result jscep(URL base, String path, String cn, Path out, String... jvmOptions) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m"));
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", JscepEnrollIT.driverClasspath(), JscepEnroll.class.getName(),
        Deployments.resolve(base, path), cn, ItDevice.CHALLENGE, out.toString()));
    Processes.Result result = Processes.run(command, out.getParent(), JSCEP_TIMEOUT);
    assertTrue(result.succeeded(), result::describe);
    assertTrue(result.output().contains("strongest cipher: AES"), result::describe);
    return result;
  }

  static Set<String> dnsNames(X509Certificate certificate) throws GeneralSecurityException {
    return certificate.getSubjectAlternativeNames() == null ? Set.of()
        : certificate.getSubjectAlternativeNames().stream()
            .filter(name -> (Integer) name.get(0) == 2)
            .map(name -> (String) name.get(1))
            .collect(Collectors.toSet());
  }

  /** The certificate in a SUCCESS CertRep that certifies the device's key. */
  static X509Certificate issuedTo(ItDevice device, CertRep rep) {
    return rep.certificates().stream()
        .filter(c -> c.getPublicKey().equals(device.key().getPublic()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no certificate for the device's key in " + rep.certificates()));
  }

  /** The CA chain at the end of GetCACert's certificates. */
  static List<X509Certificate> tail(List<X509Certificate> getCaCert) {
    return getCaCert.subList(2, getCaCert.size());
  }

  /** GetCRL's answer is EJBCA's latest CRL, with {@code revoked} on it for keyCompromise. */
  static void assertEjbcasCrl(CertRep answer, StandaloneEjbcaDouble ejbca, X509Certificate revoked) throws Exception {
    assertEquals("0", answer.pkiStatus(), answer::failInfoText);
    assertEquals(1, answer.crls().size());
    X509CRL crl = new JcaX509CRLConverter().getCRL(answer.crls().get(0));
    X509CRL expected = ejbca.latestCrl();
    X509Certificate ca = ejbca.caChain().get(0);
    crl.verify(ca.getPublicKey());
    assertEquals(ca.getSubjectX500Principal(), crl.getIssuerX500Principal());
    assertEquals(serials(expected), serials(crl));
    X509CRLEntry entry = crl.getRevokedCertificate(revoked.getSerialNumber());
    assertNotNull(entry, "the revocation made in EJBCA is on the CRL");
    assertEquals(CRLReason.KEY_COMPROMISE, entry.getRevocationReason());
    assertEquals(new String(expected.getExtensionValue(Extension.cRLNumber.getId())),
        new String(crl.getExtensionValue(Extension.cRLNumber.getId())));
  }

  static Set<BigInteger> serials(X509CRL crl) {
    return crl.getRevokedCertificates() == null ? Set.of()
        : crl.getRevokedCertificates().stream().map(X509CRLEntry::getSerialNumber).collect(Collectors.toSet());
  }
}
