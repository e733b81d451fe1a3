package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URL;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scepra.backend.ejbca.StandaloneEjbcaDouble;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.ScepTestClient.Options;

/**
 * The EJBCA backend inside the application server (src/test/server/it-server.properties: endpoint {@code ejbca}): real
 * SCEP over HTTP, scepra's bundled jaxws-rt calling the EJBCA double (the backend's unit-test
 * double, on 127.0.0.1:{@link #PORT}, it.port.ejbca) over mutual TLS.
 *
 * <p>The endpoint reads its keystores on first use and remembers a failed set-up for 30 s, so the
 * double and the files it is configured with must exist before the first request to
 * {@value #PATH}; no other test touches that path, and this one only after {@link #startEjbca}.
 * Once set up, the endpoint keeps that client (and so the double's PKI of this run) until the
 * application restarts: run this class once per server start.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EjbcaIT {
  static final String PATH = "scep/ejbca";
  /** As in it-server.properties (scepra.endpoint.ejbca.ejbca.*). */
  static final int PORT = Integer.getInteger("it.port.ejbca", 18444);
  static final String KEYSTORE_PASSWORD = "it-ejbca-ra";
  static final String TRUSTSTORE_PASSWORD = "it-ejbca-trust";
  static final long READ_TIMEOUT_MS = 3000;
  /** Generous: two shared cores, RSA decryption and signing on the server, the test's own work. */
  static final long MARGIN_MS = 4000;
  /** The backend's default end entity names. */
  static final String USERNAME_PREFIX = "scepra-";
  static final String UNAVAILABLE = "the CA is unavailable, try again later";

  static StandaloneEjbcaDouble ejbca;
  static boolean endpointReady;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  /** The keystore and trust store the endpoint is configured with are written here, before any request. */
  @BeforeAll
  static void startEjbca() throws Exception {
    Path dir = Path.of(System.getProperty("test.data.dir"), "ejbca");
    ejbca = StandaloneEjbcaDouble.start(PORT, dir.resolve("ra.p12"), KEYSTORE_PASSWORD, dir.resolve("trust.p12"),
        TRUSTSTORE_PASSWORD);
  }

  /**
   * If something asked this endpoint before the double ran (e.g. a readiness probe of every
   * endpoint's backend in another IT), the backend remembers the failed set-up for 30 s: wait that
   * out, once, rather than fail on it. Normally the first GetCACert already succeeds.
   */
  @BeforeEach
  void waitUntilTheEndpointIsUsable() throws InterruptedException {
    if (endpointReady) {
      return;
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
    ScepHttp.Response getCaCert = ScepHttp.get(base, PATH + "?operation=GetCACert");
    for (int attempt = 1; getCaCert.status() != 200 && System.nanoTime() < deadline; attempt++) {
      System.out.println("EjbcaIT: endpoint " + PATH + " not usable yet (attempt " + attempt + "): " + getCaCert);
      Thread.sleep(2000);
      getCaCert = ScepHttp.get(base, PATH + "?operation=GetCACert");
    }
    assertEquals(200, getCaCert.status(), getCaCert::toString);
    endpointReady = true;
  }

  @AfterAll
  static void stopEjbca() {
    if (ejbca != null) {
      ejbca.close();
    }
  }

  @Test
  @Order(1)
  void pkcsReqIsIssuedByEjbcaAndGetCaCertEndsWithItsChain() throws Exception {
    List<X509Certificate> caCerts = ScepHttp.caCerts(base, PATH);
    List<X509Certificate> ejbcaChain = ejbca.caChain();
    assertEquals(2 + ejbcaChain.size(), caCerts.size(), "RA encryption, RA signing, then EJBCA's chain");
    assertEquals(ejbcaChain, tail(caCerts));
    for (X509Certificate ra : caCerts.subList(0, 2)) {
      assertTrue(Certs.isSelfSigned(ra), () -> "ra-certificates=self-signed: " + ra.getSubjectX500Principal());
      assertTrue(ra.getSubjectX500Principal().getName().contains("(ejbca)"), ra.getSubjectX500Principal()::getName);
    }

    ItDevice device = ItDevice.create(base, PATH);
    String tx = "tx-" + device.cn();
    CertRep rep = device.pkcsReq(tx);
    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    X509Certificate issued = issuedTo(device, rep);
    Certs.assertIssued(issued, device.key().getPrivate(), device.cn(), caCerts);
    assertEquals(ejbcaChain.get(0).getSubjectX500Principal(), issued.getIssuerX500Principal());
    issued.verify(ejbcaChain.get(0).getPublicKey());
    assertEquals(Set.of(device.cn() + ".example.test"), dnsNames(issued), "the CSR's subjectAltName reached EJBCA");
    assertEquals(Optional.of("CN=" + device.cn()), ejbca.endEntitySubject(USERNAME_PREFIX + tx),
        "one end entity per transaction, with the CSR's subject");

    CertRep again = device.pkcsReq(tx);
    assertEquals("0", again.pkiStatus(), "a retransmission is answered from the record");
    assertEquals(issued.getSerialNumber(), issuedTo(device, again).getSerialNumber());
  }

  @Test
  @Order(2)
  void approvalInEjbcaKeepsTheRequestPendingUntilDecided() throws Exception {
    ejbca.enrolmentNeedsApproval(true);
    try {
      ItDevice device = ItDevice.create(base, PATH);
      String tx = "tx-" + device.cn();
      assertEquals("3", device.pkcsReq(tx).pkiStatus(), "EJBCA answered WaitingForApproval");
      assertEquals("3", device.certPoll(tx).pkiStatus(), "still waiting in EJBCA");
      ejbca.approve(ejbca.waitingApproval(USERNAME_PREFIX + tx));
      CertRep approved = device.certPoll(tx);
      assertEquals("0", approved.pkiStatus(), approved::failInfoText);
      X509Certificate issued = issuedTo(device, approved);
      Certs.assertIssued(issued, device.key().getPrivate(), device.cn(), ScepHttp.caCerts(base, PATH));
      CertRep polledAgain = device.certPoll(tx);
      assertEquals("0", polledAgain.pkiStatus());
      assertEquals(issued.getSerialNumber(), issuedTo(device, polledAgain).getSerialNumber(), "issued once");

      ItDevice other = ItDevice.create(base, PATH);
      String otherTx = "tx-" + other.cn();
      assertEquals("3", other.pkcsReq(otherTx).pkiStatus());
      ejbca.reject(ejbca.waitingApproval(USERNAME_PREFIX + otherTx));
      CertRep rejected = other.certPoll(otherTx);
      assertEquals("2", rejected.pkiStatus());
      assertEquals("2", rejected.failInfo(), "badRequest");
      assertEquals("the CA administrator rejected the request", rejected.failInfoText());
      assertEquals("2", other.certPoll(otherTx).pkiStatus(), "the rejection is recorded");
    } finally {
      ejbca.enrolmentNeedsApproval(false);
    }
  }

  @Test
  @Order(3)
  void ejbcasProfileRefusalIsAFailureWithAGeneralText() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    String tx = "tx-" + device.cn();
    // the double's end entity profile allows no OU: EJBCA answers UserDoesntFullfillEndEntityProfile
    byte[] csr = Csrs.csr(device.key(), "CN=" + device.cn() + ",OU=Lab", ItDevice.CHALLENGE,
        device.cn() + ".example.test").getEncoded();
    CertRep refused = device.send(csr, Options.defaults(tx));
    assertEquals("2", refused.pkiStatus());
    assertEquals("2", refused.failInfo(), "badRequest");
    assertEquals("the request does not meet the CA's policy", refused.failInfoText());
    assertFalse(refused.failInfoText().contains("ORGANIZATIONALUNIT"), "EJBCA's own message stays in the log");
    assertEquals("2", device.send(csr, Options.defaults(tx)).pkiStatus(), "a retransmission replays the refusal");
  }

  @Test
  @Order(4)
  void getCrlAnswersWithEjbcasLatestCrl() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    CertRep rep = device.pkcsReq("tx-" + device.cn());
    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    X509Certificate issued = issuedTo(device, rep);
    ejbca.revoke(issued, 1); // keyCompromise, by an EJBCA administrator

    CertRep answer = device.getCrl(issued);
    assertEquals("0", answer.pkiStatus(), answer::failInfoText);
    assertEquals(1, answer.crls().size());
    X509CRL crl = new JcaX509CRLConverter().getCRL(answer.crls().get(0));
    X509CRL expected = ejbca.latestCrl();
    X509Certificate ca = ejbca.caChain().get(0);
    crl.verify(ca.getPublicKey());
    assertEquals(ca.getSubjectX500Principal(), crl.getIssuerX500Principal());
    assertEquals(serials(expected), serials(crl));
    X509CRLEntry entry = crl.getRevokedCertificate(issued.getSerialNumber());
    assertNotNull(entry, "the revocation made in EJBCA is on the CRL");
    assertEquals(CRLReason.KEY_COMPROMISE, entry.getRevocationReason());
    assertEquals(new String(expected.getExtensionValue(Extension.cRLNumber.getId())),
        new String(crl.getExtensionValue(Extension.cRLNumber.getId())));
  }

  /** Last: stops and restarts the double. */
  @Test
  @Order(5)
  void ejbcaDownOrSilentIsAFailureWithinTheTimeoutsNeverAnError() throws Exception {
    ItDevice device = ItDevice.create(base, PATH); // GetCACert while EJBCA is up
    String tx = "down-" + device.cn();

    ejbca.stop();
    try {
      assertEquals(ejbca.caChain(), tail(ScepHttp.caCerts(base, PATH)), "GetCACert: the chain fetched before, cached");
      long start = System.nanoTime();
      CertRep down = device.pkcsReq(tx); // ItDevice.post asserts HTTP 200
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals("2", down.pkiStatus());
      assertEquals("2", down.failInfo(), "badRequest");
      assertEquals(UNAVAILABLE, down.failInfoText());
      assertTrue(millis < READ_TIMEOUT_MS + MARGIN_MS, "answered in " + millis + " ms while EJBCA is down");
    } finally {
      ejbca.startServing();
    }

    // accepts the connection and the request, then never answers in time: the read timeout ends it
    ejbca.stall(Duration.ofSeconds(20));
    try {
      long start = System.nanoTime();
      CertRep silent = device.pkcsReq("silent-" + device.cn());
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals("2", silent.pkiStatus());
      assertEquals(UNAVAILABLE, silent.failInfoText());
      assertTrue(millis >= READ_TIMEOUT_MS - 500, "waited for EJBCA first (" + millis + " ms)");
      assertTrue(millis < READ_TIMEOUT_MS + MARGIN_MS, "answered in " + millis + " ms; EJBCA stalls 20 s");
    } finally {
      ejbca.stall(Duration.ZERO);
    }

    // nothing final was recorded while EJBCA was down: the device's retry goes through once it is back
    CertRep retried = device.pkcsReq(tx);
    assertEquals("0", retried.pkiStatus(), retried::failInfoText);
    Certs.assertIssued(issuedTo(device, retried), device.key().getPrivate(), device.cn(), ScepHttp.caCerts(base, PATH));
  }

  /** The certificate in a SUCCESS CertRep that certifies the device's key. */
  static X509Certificate issuedTo(ItDevice device, CertRep rep) {
    return rep.certificates().stream()
        .filter(c -> c.getPublicKey().equals(device.key().getPublic()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no certificate for the device's key in " + rep.certificates()));
  }

  static List<X509Certificate> tail(List<X509Certificate> getCaCert) {
    return getCaCert.subList(2, getCaCert.size());
  }

  static Set<String> dnsNames(X509Certificate certificate) throws Exception {
    return certificate.getSubjectAlternativeNames() == null ? Set.of()
        : certificate.getSubjectAlternativeNames().stream()
            .filter(name -> (Integer) name.get(0) == 2)
            .map(name -> (String) name.get(1))
            .collect(Collectors.toSet());
  }

  static Set<BigInteger> serials(X509CRL crl) {
    return crl.getRevokedCertificates() == null ? Set.of()
        : crl.getRevokedCertificates().stream().map(X509CRLEntry::getSerialNumber).collect(Collectors.toSet());
  }
}
