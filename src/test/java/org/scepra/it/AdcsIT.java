package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Consumer;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scepra.backend.adcs.StandaloneCesDouble;
import org.scepra.testkit.CertRepReader.CertRep;

/**
 * The AD CS backend inside the application server (src/test/server/it-server.properties: endpoints {@code adcs},
 * client-certificate auth, and {@code adcsuser}, username auth): real SCEP over HTTP, scepra calling the CES double
 * ({@link AdcsDoubleForTheSuite}, started before the WAR is deployed, since AD CS issues the RA certificates then).
 * Every change to the double is undone in a finally, so the tests do not depend on their order.
 */
@ExtendWith(ArquillianExtension.class)
class AdcsIT {
  static final String CERT_PATH = "scep/adcs";
  static final String USER_PATH = "scep/adcsuser";
  static final String GENERAL_PURPOSE = StandaloneCesDouble.GENERAL_PURPOSE_TEMPLATE;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  static StandaloneCesDouble ces() {
    return AdcsDoubleForTheSuite.double_();
  }

  @ParameterizedTest
  @ValueSource(strings = {CERT_PATH, USER_PATH})
  void getCaCertGivesRaCertificatesFromTheRaTemplatesAndTheAdcsChain(String path) throws Exception {
    List<X509Certificate> caCerts = ScepHttp.caCerts(base, path);
    List<X509Certificate> chain = ces().caChain();
    assertEquals(2 + chain.size(), caCerts.size(), "RA encryption, RA signing, then AD CS's chain");
    assertEquals(chain, caCerts.subList(2, caCerts.size()));
    X509Certificate encryption = caCerts.get(0);
    X509Certificate signing = caCerts.get(1);
    for (X509Certificate ra : List.of(encryption, signing)) {
      assertFalse(Certs.isSelfSigned(ra), "issued by AD CS, not self-signed");
      ra.verify(chain.get(0).getPublicKey());
    }
    // the key usages are the templates' (ScepraRaEncryption, ScepraRaSigning), stamped by the CA
    assertTrue(encryption.getKeyUsage()[2] && !encryption.getKeyUsage()[0], "keyEncipherment only");
    assertTrue(signing.getKeyUsage()[0] && !signing.getKeyUsage()[2], "digitalSignature only");
    assertEquals(List.of("1.3.6.1.4.1.311.20.2.1"), signing.getExtendedKeyUsage(), "the template's EKU");
  }

  @ParameterizedTest
  @ValueSource(strings = {CERT_PATH, USER_PATH})
  void aDeviceEnrollsThroughCesWithEitherCredential(String path) throws Exception {
    ItDevice device = ItDevice.create(base, path);
    String tx = "tx-" + device.cn();
    CertRep rep = device.pkcsReq(tx);
    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    X509Certificate issued = EjbcaItSupport.issuedTo(device, rep);
    Certs.assertIssued(issued, device.key().getPrivate(), device.cn(), ScepHttp.caCerts(base, path));
    assertEquals(ces().caChain().get(0).getSubjectX500Principal(), issued.getIssuerX500Principal());
    assertTrue(issued.getKeyUsage()[0] && issued.getKeyUsage()[2], "template " + GENERAL_PURPOSE);
    assertEquals(issued.getSerialNumber(), EjbcaItSupport.issuedTo(device, device.pkcsReq(tx)).getSerialNumber(),
        "a retransmission is answered from the record, not asked again");
  }

  @Test
  void aTemplateWithCaManagerApprovalIsPendingUntilTheManagerDecides() throws Exception {
    ces().managerApproval(GENERAL_PURPOSE, true);
    try {
      ItDevice device = ItDevice.create(base, CERT_PATH);
      String tx = "tx-" + device.cn();
      assertEquals("3", device.pkcsReq(tx).pkiStatus(), "AD CS: Taken Under Submission");
      assertEquals("3", device.certPoll(tx).pkiStatus(), "still waiting for the CA manager");
      ces().approve(ces().lastPendingRequest());
      CertRep approved = device.certPoll(tx);
      assertEquals("0", approved.pkiStatus(), approved::failInfoText);
      Certs.assertIssued(EjbcaItSupport.issuedTo(device, approved), device.key().getPrivate(), device.cn(),
          ScepHttp.caCerts(base, CERT_PATH));

      ItDevice other = ItDevice.create(base, USER_PATH);
      String otherTx = "tx-" + other.cn();
      assertEquals("3", other.pkcsReq(otherTx).pkiStatus());
      ces().deny(ces().lastPendingRequest());
      CertRep denied = other.certPoll(otherTx);
      assertEquals("2", denied.pkiStatus());
      assertEquals("2", denied.failInfo(), "badRequest");
      assertEquals("the CA administrator denied the request (AD CS 0x80094014)", denied.failInfoText());
      assertEquals("2", other.certPoll(otherTx).pkiStatus(), "the denial is recorded");
    } finally {
      ces().managerApproval(GENERAL_PURPOSE, false);
    }
  }

  @Test
  void theCasRefusalsReachTheDeviceAsFailureWithTheHresult() throws Exception {
    refused(ces -> ces.offerTemplate(GENERAL_PURPOSE, false), ces -> ces.offerTemplate(GENERAL_PURPOSE, true),
        "2", "the CA does not offer the certificate template for this request (AD CS 0x80094800)", true);
    refused(ces -> ces.denyEnrollment(GENERAL_PURPOSE, true), ces -> ces.denyEnrollment(GENERAL_PURPOSE, false),
        "2", "the CA does not authorize the RA to enroll for this request (AD CS 0x80094012)", true);
    refused(ces -> ces.caUnavailable(true), ces -> ces.caUnavailable(false),
        "2", "the CA is unavailable, try again later (AD CS 0x800706BA)", true);
    refused(ces -> ces.minimumKeySize(GENERAL_PURPOSE, 4096), ces -> ces.minimumKeySize(GENERAL_PURPOSE, 2048),
        "0", "the CA does not accept the request's key (AD CS 0x80094811)", false);
  }

  /**
   * With the change made, a device's PKCSReq gets FAILURE with {@code failInfo} and {@code text}; once it is undone,
   * the same request is issued if nothing was recorded ({@code retryWorks}: problems only the CA's admin can fix),
   * and refused again from the record otherwise.
   */
  private void refused(Consumer<StandaloneCesDouble> change, Consumer<StandaloneCesDouble> undo, String failInfo,
      String text, boolean retryWorks) throws Exception {
    for (String path : List.of(CERT_PATH, USER_PATH)) {
      ItDevice device = ItDevice.create(base, path);
      String tx = "refused-" + device.cn();
      CertRep refused;
      change.accept(ces());
      try {
        refused = device.pkcsReq(tx);
      } finally {
        undo.accept(ces());
      }
      assertEquals("2", refused.pkiStatus(), path);
      assertEquals(failInfo, refused.failInfo(), path);
      assertEquals(text, refused.failInfoText(), path);
      AuditLines.assertFailureRecorded(tx, text.substring(text.indexOf("(AD CS ")));
      assertEquals(retryWorks ? "0" : "2", device.pkcsReq(tx).pkiStatus(), path + ": the device's retry");
    }
  }

  @Test
  void getCrlAnswersWithTheCrlFromTheCasCdp() throws Exception {
    ItDevice device = ItDevice.create(base, CERT_PATH);
    CertRep rep = device.pkcsReq("tx-" + device.cn());
    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    X509Certificate issued = EjbcaItSupport.issuedTo(device, rep);
    ces().revoke(issued); // by an AD CS administrator
    CertRep answer = device.getCrl(issued);
    assertEquals("0", answer.pkiStatus(), answer::failInfoText);
    X509CRL crl = new JcaX509CRLConverter().getCRL(answer.crls().get(0));
    crl.verify(ces().caChain().get(0).getPublicKey());
    assertNotNull(crl.getRevokedCertificate(issued.getSerialNumber()));
  }

  @Test
  void revocationThroughScepraIsRefusedClearly() throws Exception {
    ItDevice device = ItDevice.create(base, CERT_PATH);
    CertRep rep = device.pkcsReq("tx-" + device.cn());
    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    String serial = EjbcaItSupport.issuedTo(device, rep).getSerialNumber().toString(16);
    AdminClient.Reply reply = AdminClient.operator(base).post("certificates/" + serial + "/revoke",
        "{\"reason\": \"keyCompromise\"}");
    assertEquals(501, reply.status(), reply.body());
    assertTrue(reply.body().contains("does not revoke through scepra"), reply.body());
  }

  @Test
  void cesDownIsAFailureAndTheRetryWorksOnceItIsBack() throws Exception {
    ItDevice device = ItDevice.create(base, USER_PATH); // GetCACert while CES is up
    String tx = "down-" + device.cn();
    CertRep down;
    ces().stop();
    try {
      assertEquals(ces().caChain(), ScepHttp.caCerts(base, USER_PATH).subList(2, 4), "GetCACert: the chain kept");
      down = device.pkcsReq(tx);
    } finally {
      ces().startServing();
    }
    assertEquals("2", down.pkiStatus());
    assertEquals("the CA is unavailable, try again later", down.failInfoText());
    CertRep retried = device.pkcsReq(tx);
    assertEquals("0", retried.pkiStatus(), retried::failInfoText);
  }
}
