package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scepra.it.EjbcaItSupport.issuedTo;
import static org.scepra.it.EjbcaItSupport.tail;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.backend.ejbca.StandaloneEjbcaDouble;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.ScepTestClient.Options;

/**
 * The EJBCA backend inside the application server (src/test/server/it-server.properties: endpoint {@code ejbca}),
 * set up as backends/ejbca/README.md says: RA certificates issued by EJBCA through certificate profiles with one key
 * usage each, one end entity per device. Real SCEP over HTTP and jscep in its own JVM, scepra's bundled jaxws-rt
 * calling the EJBCA double over mutual TLS (on 127.0.0.1:{@link #PORT}, it.port.ejbca), which enforces unique DNs,
 * applies key usages from its profiles and limits end entity fields as a default EJBCA does.
 *
 * <p>The double's keystore files are written before the WAR is deployed ({@link EjbcaAway}), but the double only
 * answers from the first test on: the WAR deploys while EJBCA is away. The endpoint keeps the double's PKI of this
 * run until the server restarts: run this class once per server start.
 */
@ExtendWith({EjbcaIT.EjbcaAway.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EjbcaIT {
  static final String PATH = "scep/ejbca";
  static final String ENDPOINT_CHECK = "endpoint:ejbca";
  static final String BACKEND_CHECK = "backend:ejbca:ejbca";
  /** As in it-server.properties (scepra.endpoint.ejbca.ejbca.*). */
  static final int PORT = Integer.getInteger("it.port.ejbca", 18444);
  static final String KEYSTORE_PASSWORD = "it-ejbca-ra";
  static final String TRUSTSTORE_PASSWORD = "it-ejbca-trust";
  static final long READ_TIMEOUT_MS = 3000;
  /** Generous: two shared cores, RSA decryption and signing on the server, the test's own work. */
  static final long MARGIN_MS = 4000;
  /** The RA's attempts back off to one a minute. */
  static final Duration RECOVERY = Duration.ofSeconds(120);
  static final String USERNAME_PREFIX = "scepra-";
  static final String UNAVAILABLE = "the CA is unavailable, try again later";
  static final String STARTS_EJBCA = "starts-ejbca";

  static StandaloneEjbcaDouble ejbca;

  /** Writes the double's keystores before Arquillian deploys the WAR (it runs first), without starting it. */
  static final class EjbcaAway implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
      Path dir = Path.of(System.getProperty("test.data.dir"), "ejbca");
      ejbca = StandaloneEjbcaDouble.prepare(PORT, dir.resolve("ra.p12"), KEYSTORE_PASSWORD, dir.resolve("trust.p12"),
          TRUSTSTORE_PASSWORD);
    }
  }

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  /** Every test but the first finds EJBCA up and the endpoint serving, whatever ran before. */
  @BeforeEach
  void ejbcaServes(TestInfo test) throws Exception {
    if (test.getTags().contains(STARTS_EJBCA)) {
      return;
    }
    ejbca.startServing();
    ItReadiness ready = ItReadiness.await(base, r -> r.up(ENDPOINT_CHECK), RECOVERY);
    assertTrue(ready.up(ENDPOINT_CHECK), ready::toString);
  }

  @AfterAll
  static void stopEjbca() throws Exception {
    if (ejbca != null) {
      ejbca.close();
      // the one-time passwords the RA set in EJBCA: LogSecretsScan makes sure no log has them
      Files.write(Path.of(System.getProperty("test.data.dir"), "ejbca", "enrolment-passwords.secrets"),
          ejbca.enrolmentPasswords());
    }
  }

  @Test
  @Order(1)
  @Tag(STARTS_EJBCA)
  void deploysWhileEjbcaIsAwayAndServesByItselfOnceEjbcaAnswers() throws Exception {
    ItReadiness.get(base); // the status application's first request sets it up: not timed
    // the other endpoints serve (a first deployment creates their RA keys, which takes a moment on a busy machine)
    ItReadiness away = ItReadiness.await(base, r -> r.up("endpoint:default"), RECOVERY);
    assertEquals(503, away.httpStatus(), away::toString);
    assertEquals("DOWN", away.status(ENDPOINT_CHECK), away::toString);
    assertTrue(away.detail(ENDPOINT_CHECK).contains("not serving"), away::toString);
    assertTrue(away.up("endpoint:default"), away::toString);
    assertEquals(200, ScepHttp.get(base, "scep?operation=GetCACert").status(), "the default endpoint serves");
    EjbcaItSupport.assertNotServing(base, PATH + "?operation=GetCACert");
    EjbcaItSupport.assertNotServing(base, PATH + "?operation=GetCACaps");

    ejbca.startServing();

    ItReadiness ready = ItReadiness.await(base, r -> r.up(ENDPOINT_CHECK), RECOVERY);
    assertTrue(ready.up(ENDPOINT_CHECK), () -> "serving within " + RECOVERY + " of EJBCA's return: " + ready);
    List<X509Certificate> caCerts = ScepHttp.caCerts(base, PATH);
    X509Certificate ca = ejbca.caChain().get(0);
    EjbcaItSupport.assertRaCertificate(caCerts.get(0), ca, 2, "keyEncipherment only, from SCEP_RA_ENCRYPTION");
    EjbcaItSupport.assertRaCertificate(caCerts.get(1), ca, 0, "digitalSignature only, from SCEP_RA_SIGNING");
    assertTrue(ejbca.endEntities().containsAll(Set.of(
        USERNAME_PREFIX + "scepra RA Signing (ejbca)", USERNAME_PREFIX + "scepra RA Encryption (ejbca)")),
        () -> "the RA's end entities are named after the endpoint: " + ejbca.endEntities());
  }

  @Test
  @Order(2)
  void jscepEnrollsRenewsAndReEnrollsThroughEjbcaWithUniqueDns(@TempDir Path dir) throws Exception {
    assertTrue(ejbca.enforcesUniqueDn(), "EJBCA's default");
    String cn = "jscep-ejbca-" + UUID.randomUUID();

    Processes.Result enrolAndRenew = EjbcaItSupport.jscep(base, PATH, cn, dir.resolve("first"), "-Djscep.renew=true");
    Processes.Result reEnrol = EjbcaItSupport.jscep(base, PATH, cn, dir.resolve("again"));

    assertTrue(enrolAndRenew.output().contains("RENEWED serial"), enrolAndRenew::describe);
    List<X509Certificate> caCerts = ScepHttp.caCerts(base, PATH);
    for (Path pem : List.of(dir.resolve("first/cert.pem"), dir.resolve("first/renewed.pem"),
        dir.resolve("again/cert.pem"))) {
      Certs.assertChainsTo(Certs.readCertificate(pem), caCerts.subList(2, caCerts.size()));
    }
    assertEquals(3, ejbca.certificatesOf(USERNAME_PREFIX + cn).size(), "enrolment, renewal and re-enrolment, "
        + "all for the device's one end entity: " + ejbca.endEntities());
  }

  @Test
  @Order(3)
  void pkcsReqIsIssuedByEjbcaAndGetCaCertEndsWithItsChain() throws Exception {
    List<X509Certificate> caCerts = ScepHttp.caCerts(base, PATH);
    List<X509Certificate> ejbcaChain = ejbca.caChain();
    assertEquals(2 + ejbcaChain.size(), caCerts.size(), "RA encryption, RA signing, then EJBCA's chain");
    assertEquals(ejbcaChain, tail(caCerts));
    for (X509Certificate ra : caCerts.subList(0, 2)) {
      ra.verify(ejbcaChain.get(0).getPublicKey()); // issued by EJBCA, not self-signed
      assertTrue(ra.getSubjectX500Principal().getName().contains("(ejbca)"), ra.getSubjectX500Principal()::getName);
    }

    ItDevice device = ItDevice.create(base, PATH);
    String tx = "tx-" + device.cn();
    CertRep rep = device.pkcsReq(tx);
    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    X509Certificate issued = issuedTo(device, rep);
    Certs.assertIssued(issued, device.key().getPrivate(), device.cn(), caCerts);
    issued.verify(ejbcaChain.get(0).getPublicKey());
    assertEquals(Set.of(device.cn() + ".example.test"), EjbcaItSupport.dnsNames(issued), "the CSR's subjectAltName");
    assertEquals(Optional.of("CN=" + device.cn()), ejbca.endEntitySubject(USERNAME_PREFIX + device.cn()),
        "one end entity per device, with the CSR's subject");

    CertRep again = device.pkcsReq(tx);
    assertEquals("0", again.pkiStatus(), "a retransmission is answered from the record");
    assertEquals(issued.getSerialNumber(), issuedTo(device, again).getSerialNumber());
  }

  @Test
  @Order(4)
  void approvalInEjbcaKeepsTheRequestPendingUntilDecided() throws Exception {
    ejbca.enrolmentNeedsApproval(true);
    try {
      ItDevice device = ItDevice.create(base, PATH);
      String tx = "tx-" + device.cn();
      assertEquals("3", device.pkcsReq(tx).pkiStatus(), "EJBCA answered WaitingForApproval");
      assertEquals("3", device.certPoll(tx).pkiStatus(), "still waiting in EJBCA");
      ejbca.approve(ejbca.waitingApproval(USERNAME_PREFIX + device.cn()));
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
      ejbca.reject(ejbca.waitingApproval(USERNAME_PREFIX + other.cn()));
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
  @Order(5)
  void ejbcasProfileRefusalIsAFailureWithAGeneralText() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    String tx = "tx-" + device.cn();
    // EJBCA's EMPTY end entity profile has two DNSNAME fields: it answers UserDoesntFullfillEndEntityProfile
    byte[] csr = Csrs.csr(device.key(), "CN=" + device.cn(), ItDevice.CHALLENGE, "a.example.test", "b.example.test",
        "c.example.test").getEncoded();
    CertRep refused = device.send(csr, Options.defaults(tx));
    assertEquals("2", refused.pkiStatus());
    assertEquals("2", refused.failInfo(), "badRequest");
    assertEquals("the request does not meet the CA's policy", refused.failInfoText());
    assertFalse(refused.failInfoText().contains("DNSNAME"), "EJBCA's own message stays in the log");
    assertEquals("2", device.send(csr, Options.defaults(tx)).pkiStatus(), "a retransmission replays the refusal");
  }

  @Test
  @Order(6)
  void getCrlAnswersWithEjbcasLatestCrl() throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    CertRep rep = device.pkcsReq("tx-" + device.cn());
    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    X509Certificate issued = issuedTo(device, rep);
    ejbca.revoke(issued, 1); // keyCompromise, by an EJBCA administrator

    EjbcaItSupport.assertEjbcasCrl(device.getCrl(issued), ejbca, issued);
  }

  @Test
  @Order(7)
  void readinessStaysFastWhileEjbcaIsFrozen() throws Exception {
    ejbca.stall(Duration.ofSeconds(30));
    try {
      // every answer within the bound (ItReadiness asserts it), and the backend's probe ends at its read timeout
      ItReadiness frozen = ItReadiness.await(base, r -> "DOWN".equals(r.status(BACKEND_CHECK)),
          Duration.ofMillis(3 * READ_TIMEOUT_MS + 5000 + MARGIN_MS));
      assertEquals("DOWN", frozen.status(BACKEND_CHECK), frozen::toString);
      assertTrue(frozen.detail(BACKEND_CHECK).contains("unreachable"), frozen::toString);
      assertEquals(503, frozen.httpStatus());
      assertTrue(frozen.up("database") && frozen.up("endpoint:default"), frozen::toString);
    } finally {
      ejbca.stall(Duration.ZERO);
    }
    ItReadiness back = ItReadiness.await(base, r -> r.up(BACKEND_CHECK), RECOVERY);
    assertTrue(back.up(BACKEND_CHECK), back::toString);
  }

  /** Last: stops and restarts the double. */
  @Test
  @Order(8)
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

}
