package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.cert.X509CRLHolder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scepra.testkit.CertRepReader.CertRep;

/** An operator revokes through the admin API; GetCRL then lists the certificate. */
@ExtendWith(ArquillianExtension.class)
class RevocationIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  @Test
  void revokedCertificateAppearsInTheCrlFromGetCrl() throws Exception {
    ItDevice device = ItDevice.create(base, "scep");
    X509Certificate issued = device.pkcsReq("tx-" + device.cn()).certificates().get(0);
    String serial = issued.getSerialNumber().toString(16);

    AdminClient admin = AdminClient.operator(base);
    AdminClient.Reply looked = admin.get("certificates/" + serial);
    assertEquals(200, looked.status(), looked.body());
    assertTrue(looked.body().contains("\"status\":\"VALID\""), looked.body());

    AdminClient.Reply revoked = admin.post("certificates/" + serial + "/revoke", "{\"reason\": \"keyCompromise\"}");
    assertEquals(200, revoked.status(), revoked.body());
    assertTrue(admin.get("certificates/" + serial).body().contains("\"status\":\"REVOKED\""));
    assertEquals(409, admin.post("certificates/" + serial + "/revoke", "{}").status(), "already revoked");
    assertEquals(404, admin.post("certificates/abcdef0123/revoke", "{}").status());

    CertRep rep = device.getCrl(issued);
    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    assertEquals(1, rep.crls().size());
    X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
        .generateCRL(new java.io.ByteArrayInputStream(((X509CRLHolder) rep.crls().get(0)).getEncoded()));
    crl.verify(device.ca().getPublicKey());
    assertEquals(device.ca().getSubjectX500Principal(), crl.getIssuerX500Principal());
    assertTrue(crl.getNextUpdate().after(new Date()));
    X509CRLEntry entry = crl.getRevokedCertificate(issued.getSerialNumber());
    assertNotNull(entry, "the revoked serial is listed");
    assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE, entry.getRevocationReason());

    CertRep foreign = device.getCrl(device.selfSigned());
    assertEquals("2", foreign.pkiStatus(), "no CRL of an issuer that is not this endpoint's CA");
    assertEquals("4", foreign.failInfo(), "badCertId");
  }
}
