package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.cert.X509Certificate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Section 0 of issue 19: a page on another site, opened by an operator whose browser holds their Basic credentials,
 * submits a form to each state-changing admin call. Every such request is refused and changes nothing; the same call
 * as JSON from a script still works.
 */
@ExtendWith(ArquillianExtension.class)
class AdminApiCrossSiteIT {
  static final String FORM = "application/x-www-form-urlencoded";
  static final String[] EVIL = {"Origin", "https://evil.example"};
  static final String[] CROSS_SITE = {"Sec-Fetch-Site", "cross-site"};

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  @Test
  void forgedApproveIsRefusedAndTheRequestStaysPending() throws Exception {
    ItDevice device = ItDevice.create(base, ManualApprovalIT.PATH);
    String tx = "tx-" + device.cn();
    assertEquals("3", device.pkcsReq(tx).pkiStatus());
    AdminClient admin = AdminClient.operator(base);
    String approve = "pending/manual/" + tx + "/approve";

    assertEquals(403, admin.postAs(approve, FORM, "x=1", EVIL).status());
    assertEquals(403, admin.postAs(approve, "application/json", "", CROSS_SITE).status(),
        "Sec-Fetch-Site alone tells a cross-site request");
    assertEquals(403, admin.postAs(approve, "application/json", "", "Origin", "null").status());
    assertEquals(415, admin.postAs(approve, FORM, "x=1").status(), "a form without Origin (old browser)");
    assertEquals(415, admin.postAs(approve, "text/plain", "").status());
    assertEquals(415, admin.postAs(approve, null, "").status());
    assertTrue(ManualApprovalIT.pendingEntry(admin, "CN=" + device.cn()).isPresent(), "still awaiting approval");
    assertEquals("3", device.certPoll(tx).pkiStatus());

    AdminClient.Reply approved = admin.post(approve, "");
    assertEquals(200, approved.status(), "a script's JSON call works: " + approved.body());
    assertEquals("0", device.certPoll(tx).pkiStatus());
  }

  @Test
  void forgedRejectIsRefusedAndTheRequestStaysPending() throws Exception {
    ItDevice device = ItDevice.create(base, ManualApprovalIT.PATH);
    String tx = "tx-" + device.cn();
    assertEquals("3", device.pkcsReq(tx).pkiStatus());
    AdminClient admin = AdminClient.operator(base);
    String reject = "pending/manual/" + tx + "/reject";

    assertEquals(403, admin.postAs(reject, FORM, "reason=forged", EVIL).status());
    assertEquals(403, admin.postAs(reject, "application/json", "{\"reason\":\"forged\"}", EVIL).status());
    assertEquals(415, admin.postAs(reject, "text/plain", "{\"reason\":\"forged\"}").status());
    assertTrue(ManualApprovalIT.pendingEntry(admin, "CN=" + device.cn()).isPresent(), "still awaiting approval");
    assertEquals("3", device.certPoll(tx).pkiStatus());
  }

  @Test
  void forgedRevokeIsRefusedAndTheCertificateStaysValid() throws Exception {
    ItDevice device = ItDevice.create(base, "scep");
    X509Certificate issued = device.pkcsReq("tx-" + device.cn()).certificates().get(0);
    String serial = issued.getSerialNumber().toString(16);
    AdminClient admin = AdminClient.operator(base);

    assertEquals(403, admin.postAs("certificates/" + serial + "/revoke", FORM, "reason=keyCompromise", EVIL)
        .status());
    assertEquals(403, admin.postAs("certificates/" + serial + "/revoke", "application/json", "{}", CROSS_SITE)
        .status());
    assertEquals(415, admin.postAs("certificates/" + serial + "/revoke", "text/plain", "{}").status());
    assertTrue(admin.get("certificates/" + serial).body().contains("\"status\":\"VALID\""));
  }

  @Test
  void forgedMintIsRefused() {
    AdminClient admin = AdminClient.operator(base);
    AdminClient.Reply forged = admin.postAs("challenges/otc", FORM, "subject=CN%3Dx", EVIL);
    assertEquals(403, forged.status(), forged.body());
    assertTrue(!forged.body().matches("(?s).*[0-9a-f]{32}.*"), "no challenge in the answer");
    assertEquals(403, admin.postAs("challenges/otc", "text/plain", "", CROSS_SITE).status());
    assertEquals(415, admin.postAs("challenges/otc", "text/plain", "").status());
    assertEquals(415, admin.postAs("challenges/otc", null, "").status());
    assertEquals(200, admin.post("challenges/otc", "").status(), "a script's JSON call works");
    assertEquals(200, admin.postAs("challenges/otc", "application/json", "",
        "Origin", "http://127.0.0.1:" + base.getPort())
        .status(), "a same-origin browser call works");
  }
}
