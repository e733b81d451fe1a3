package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerId;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.protocol.MessageType;
import org.scepra.testkit.CertRepReader;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.ScepTestClient.Options;
import org.scepra.testkit.TestPki;

/**
 * An operator rolls the internal CA of endpoint {@code rollover} (a CA of its own, so no other test sees the
 * switch) over while devices keep enrolling: GetNextCACert announces the next CA, to jscep too; enrollments
 * before, across and after the switch each come from the CA whose turn it was; afterwards the old CA's
 * certificates are still fetched, listed on its own CRL and renewed.
 */
@ExtendWith(ArquillianExtension.class)
public class CaRolloverIT {

  static final String PATH = "scep/rollover";
  static final Duration LEAD = Duration.ofSeconds(60);
  static final Duration SWITCH_TIMEOUT = Duration.ofMinutes(4);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  @Test
  void operatorRollsTheCaOverWhileDevicesKeepEnrolling(@TempDir Path dir) throws Exception {
    assertFalse(caps().contains("GetNextCACert"), caps());
    assertEquals(404, ScepHttp.get(base, PATH + "?operation=GetNextCACert").status());
    List<X509Certificate> before = ScepHttp.caCerts(base, PATH);
    X509Certificate raSigning = before.get(1);
    X509Certificate oldCa = before.get(2);

    refusesBadRollovers(oldCa);
    Instant activateAt = Instant.now().plus(LEAD).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    AdminClient.Reply reply = AdminClient.operator(base)
        .post("ca/rollover/rollover", "{\"activateAt\": \"" + activateAt + "\", \"keySize\": 2048}");
    assertEquals(200, reply.status(), reply::body);
    JsonObject scheduled = json(reply.body());
    assertEquals(activateAt.toString(), scheduled.getString("activateAt"));
    X509Certificate newCa = org.scepra.ra.enroll.TransactionReplies.parse(Base64.getDecoder()
        .decode(scheduled.getJsonArray("certificates").getJsonObject(0).getString("certificate")));
    newCa.verify(newCa.getPublicKey());
    assertEquals(new X500Principal("CN=scepra Internal CA G2,O=scepra"), newCa.getSubjectX500Principal());

    assertEquals(409, AdminClient.operator(base).post("ca/rollover/rollover", "{}").status(),
        "a second rollover before the first took over");
    List<Enrolled> enrolled = new ArrayList<>();
    enrolled.add(enroll(oldCa, newCa, activateAt));

    // Announced, as RFC 8894 §4.7.1 says and as jscep checks it
    assertTrue(caps().contains("GetNextCACert"), caps());
    ScepHttp.Response next = ScepHttp.get(base, PATH + "?operation=GetNextCACert");
    assertEquals(200, next.status(), next::toString);
    assertEquals("application/x-x509-next-ca-cert", next.mediaType());
    CMSSignedData signed = new CMSSignedData(next.body());
    for (X509Certificate signer : List.of(oldCa, raSigning)) {
      SignerInformation info = signed.getSignerInfos().get(new JcaSignerId(signer));
      assertNotNull(info, "GetNextCACert is not signed by " + signer.getSubjectX500Principal());
      assertTrue(info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signer)));
    }
    List<X509Certificate> announced = ScepHttp.certificatesInOrder((byte[]) signed.getSignedContent().getContent());
    assertEquals(newCa, announced.get(0));
    announced.get(1).verify(oldCa.getPublicKey()); // the new key, certified by the old one
    Processes.Result nextByJscep = jscep(dir.resolve("jscep-before"), "-Djscep.nextca=true");
    List<X509Certificate> jscepNext = new ArrayList<>();
    for (int i = 0; i < announced.size(); i++) {
      jscepNext.add(Certs.readCertificate(dir.resolve("jscep-before/out/next-ca-" + i + ".pem")));
    }
    assertTrue(jscepNext.containsAll(announced) && jscepNext.size() == announced.size(), nextByJscep::describe);

    // Across the switch: every enrollment comes from the CA whose turn it was
    long deadline = System.nanoTime() + SWITCH_TIMEOUT.toNanos();
    while (!enrolled.get(enrolled.size() - 1).certificate().getIssuerX500Principal()
        .equals(newCa.getSubjectX500Principal())) {
      assertTrue(System.nanoTime() < deadline, "no certificate from the new CA " + SWITCH_TIMEOUT + " after rollover");
      Thread.sleep(2000);
      enrolled.add(enroll(oldCa, newCa, activateAt));
    }
    Enrolled fromOld = enrolled.get(0);
    Enrolled fromNew = enrolled.get(enrolled.size() - 1);
    assertEquals(oldCa.getSubjectX500Principal(), fromOld.certificate().getIssuerX500Principal());

    // After: the new CA issues and is GetCACert's, the old one still stands behind what it issued
    assertFalse(caps().contains("GetNextCACert"), caps());
    assertEquals(404, ScepHttp.get(base, PATH + "?operation=GetNextCACert").status());
    List<X509Certificate> after = ScepHttp.caCerts(base, PATH);
    assertEquals(List.of(before.get(0), raSigning, newCa, oldCa), after,
        "RA certificates, the issuing CA, then the old CA that issued the RA certificates");
    Certs.assertChainsTo(fromNew.certificate(), List.of(newCa));
    Certs.assertChainsTo(fromOld.certificate(), List.of(oldCa));
    for (Enrolled e : List.of(fromOld, fromNew)) {
      X500Name issuer = X500Name.getInstance(e.certificate().getIssuerX500Principal().getEncoded());
      CertRep got = e.device().getCert(issuer, e.certificate().getSerialNumber());
      assertEquals("0", got.pkiStatus(), got::failInfoText);
      assertEquals(e.certificate(), got.certificates().get(0));
      CertRep crl = e.device().getCrl(e.certificate());
      assertEquals("0", crl.pkiStatus(), crl::failInfoText);
      X509CRLHolder holder = crl.crls().get(0);
      X509Certificate issuerCa = issuer.equals(X500Name.getInstance(oldCa.getSubjectX500Principal().getEncoded()))
          ? oldCa : newCa;
      assertEquals(issuer, holder.getIssuer());
      assertTrue(holder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuerCa)));
    }
    CertRep renewed = renew(fromOld);
    assertEquals("0", renewed.pkiStatus(), renewed::failInfoText);
    assertEquals(newCa.getSubjectX500Principal(), renewed.certificates().get(0).getIssuerX500Principal());
    Processes.Result jscep = jscep(dir.resolve("jscep-after"));
    assertTrue(jscep.output().contains("by " + newCa.getSubjectX500Principal()), jscep::describe);
  }

  private void refusesBadRollovers(X509Certificate oldCa) {
    AdminClient operator = AdminClient.operator(base);
    assertEquals(401, new AdminClient(base, null, null).post("ca/rollover/rollover", "{}").status());
    assertEquals(400, operator.post("ca/rollover/rollover", "{\"activateAt\": \"2001-01-01T00:00:00Z\"}").status());
    assertEquals(400, operator.post("ca/rollover/rollover", "{\"keySize\": 1024}").status());
    assertEquals(400, operator.post("ca/rollover/rollover", "{\"activateAt\": \"tomorrow\"}").status());
    assertEquals(400, operator.post("ca/rollover/rollover",
        "{\"activateAt\": \"" + oldCa.getNotAfter().toInstant().plusSeconds(3600) + "\"}").status());
    assertEquals(404, operator.post("ca/nosuch/rollover", "{}").status());
    assertEquals(501, operator.post("ca/filedrop/rollover", "{}").status(), "file-drop cannot roll its CA over");
    assertEquals(415, operator.postAs("ca/rollover/rollover", "text/plain", "{}").status(), "JSON only");
    assertFalse(caps().contains("GetNextCACert"), "a refused rollover announces nothing");
  }

  record Enrolled(ItDevice device, X509Certificate certificate) {}

  /** One enrollment; the CA that issues must be the one whose turn it was while the request was out. */
  private Enrolled enroll(X509Certificate oldCa, X509Certificate newCa, Instant activateAt) throws Exception {
    ItDevice device = ItDevice.create(base, PATH);
    Instant sent = Instant.now();
    CertRep rep = device.pkcsReq("tx-" + device.cn());
    Instant answered = Instant.now();
    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    X509Certificate certificate = rep.certificates().get(0);
    if (answered.isBefore(activateAt)) {
      certificate.verify(oldCa.getPublicKey());
    } else if (sent.isAfter(activateAt)) {
      certificate.verify(newCa.getPublicKey());
    } else {
      certificate.verify((certificate.getIssuerX500Principal().equals(newCa.getSubjectX500Principal())
          ? newCa : oldCa).getPublicKey());
    }
    return new Enrolled(device, certificate);
  }

  private CertRep renew(Enrolled old) throws Exception {
    KeyPair newKey = TestPki.rsa(2048);
    byte[] csr = Csrs.csr(newKey, "CN=" + old.device().cn(), null).getEncoded();
    byte[] message = ScepTestClient.pkiMessage(csr, old.device().raEncryption(), old.device().key(),
        old.certificate(), Options.defaults("renew-" + UUID.randomUUID()).messageType(MessageType.RENEWAL_REQ));
    ScepHttp.Response response = ScepHttp.post(base, PATH + "?operation=PKIOperation", "application/x-pki-message",
        message);
    assertEquals(200, response.status(), response::toString);
    return CertRepReader.read(response.body(), old.device().key().getPrivate());
  }

  private Processes.Result jscep(Path dir, String... options) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m"));
    cmd.addAll(List.of(options));
    cmd.addAll(List.of("-cp", JscepEnrollIT.driverClasspath(), org.scepra.interop.JscepEnroll.class.getName(),
        Deployments.resolve(base, PATH), "jscep-rollover-" + UUID.randomUUID(), ItDevice.CHALLENGE,
        dir.resolve("out").toString()));
    Processes.Result result = Processes.run(cmd, dir.getParent(), JscepEnrollIT.TIMEOUT);
    assertTrue(result.succeeded(), result::describe);
    return result;
  }

  private String caps() {
    return ScepHttp.get(base, PATH + "?operation=GetCACaps").text();
  }

  private static JsonObject json(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }
}
