package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scepra.protocol.MessageType;
import org.scepra.testkit.CertRepReader;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.ScepTestClient.Options;
import org.scepra.testkit.TestPki;

/** Renewal authorized by the certificate being renewed, with no challenge. */
@ExtendWith(ArquillianExtension.class)
class RenewalIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  record Enrolled(ItDevice device, X509Certificate certificate) {}

  Enrolled enrolled() throws Exception {
    ItDevice device = ItDevice.create(base, "scep");
    CertRep rep = device.pkcsReq("tx-" + device.cn());
    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    return new Enrolled(device, rep.certificates().get(0));
  }

  /** A request for {@code subject} with {@code newKey}, signed with the old certificate and key. */
  CertRep renew(Enrolled old, KeyPair newKey, String subject, MessageType type, String challenge) throws Exception {
    byte[] csr = Csrs.csr(newKey, subject, challenge).getEncoded();
    byte[] message = ScepTestClient.pkiMessage(csr, old.device().raEncryption(), old.device().key(), old.certificate(),
        Options.defaults("renew-" + java.util.UUID.randomUUID()).messageType(type));
    ScepHttp.Response response = ScepHttp.post(base, "scep?operation=PKIOperation", "application/x-pki-message", message);
    assertEquals(200, response.status(), response::toString);
    return CertRepReader.read(response.body(), old.device().key().getPrivate());
  }

  @Test
  void renewalReqSignedByTheCurrentCertificateIsIssuedWithoutAChallenge() throws Exception {
    assertTrue(ScepHttp.get(base, "scep?operation=GetCACaps").text().contains("Renewal"));
    Enrolled old = enrolled();
    KeyPair newKey = TestPki.rsa(2048);
    CertRep renewed = renew(old, newKey, "CN=" + old.device().cn(), MessageType.RENEWAL_REQ, null);
    assertEquals("0", renewed.pkiStatus(), renewed::failInfoText);
    X509Certificate fresh = renewed.certificates().get(0);
    assertEquals(newKey.getPublic(), fresh.getPublicKey());
    assertNotEquals(old.certificate().getSerialNumber(), fresh.getSerialNumber());
  }

  @Test
  void pkcsReqSignedByTheCurrentCertificateRenewsToo() throws Exception {
    Enrolled old = enrolled();
    CertRep renewed = renew(old, TestPki.rsa(2048), "CN=" + old.device().cn(), MessageType.PKCS_REQ, null);
    assertEquals("0", renewed.pkiStatus(), renewed::failInfoText);
  }

  @Test
  void renewalMustUseANewKeyAndKeepTheSubject() throws Exception {
    Enrolled old = enrolled();
    CertRep sameKey = renew(old, old.device().key(), "CN=" + old.device().cn(), MessageType.RENEWAL_REQ, null);
    assertEquals("2", sameKey.pkiStatus());
    assertTrue(sameKey.failInfoText().contains("new key"), sameKey.failInfoText());
    CertRep otherSubject = renew(old, TestPki.rsa(2048), "CN=somebody-else", MessageType.RENEWAL_REQ, null);
    assertEquals("2", otherSubject.pkiStatus());
    assertTrue(otherSubject.failInfoText().contains("subject"), otherSubject.failInfoText());
  }

  @Test
  void revokedCertificateCannotRenew() throws Exception {
    Enrolled old = enrolled();
    AdminClient.Reply revoked = AdminClient.operator(base)
        .post("certificates/" + old.certificate().getSerialNumber().toString(16) + "/revoke", "{}");
    assertEquals(200, revoked.status(), revoked.body());
    CertRep refused = renew(old, TestPki.rsa(2048), "CN=" + old.device().cn(), MessageType.RENEWAL_REQ, null);
    assertEquals("2", refused.pkiStatus());
    assertTrue(refused.failInfoText().contains("revoked"), refused.failInfoText());
  }

  @Test
  void foreignCertificateCannotRenew() throws Exception {
    ItDevice device = ItDevice.create(base, "scep");
    KeyPair foreignCa = TestPki.rsa(2048);
    X509Certificate foreign = TestPki.certificate("CN=" + device.cn(), device.key().getPublic(), "CN=Other CA",
        foreignCa.getPrivate(), null, java.time.Duration.ofDays(30));
    CertRep refused = renew(new Enrolled(device, foreign), TestPki.rsa(2048), "CN=" + device.cn(),
        MessageType.RENEWAL_REQ, null);
    assertEquals("2", refused.pkiStatus());
    assertTrue(refused.failInfoText().contains("not signed by a certificate this CA issued"), refused.failInfoText());
  }
}
