package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x500.X500Name;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.ScepTestClient.Options;

/** Retransmission, races, GetCert: a transactionID yields one certificate, whatever the client does. */
@ExtendWith(ArquillianExtension.class)
class TransactionsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  @Test
  void retransmissionReturnsTheSameCertificateReWrapped() throws Exception {
    ItDevice device = ItDevice.create(base, "scep");
    String tx = "tx-" + device.cn();
    CertRep first = device.pkcsReq(tx);
    assertEquals("0", first.pkiStatus(), first::failInfoText);
    CertRep again = device.pkcsReq(tx); // fresh senderNonce, same transactionID and CSR
    assertEquals("0", again.pkiStatus(), again::failInfoText);
    assertEquals(first.certificates().get(0), again.certificates().get(0));
    CertRep polled = device.certPoll(tx);
    assertEquals("0", polled.pkiStatus(), polled::failInfoText);
    assertEquals(first.certificates().get(0), polled.certificates().get(0));
  }

  @Test
  void sameTransactionIdWithAnotherCsrIsRefused() throws Exception {
    ItDevice device = ItDevice.create(base, "scep");
    String tx = "tx-" + device.cn();
    assertEquals("0", device.pkcsReq(tx).pkiStatus());
    byte[] otherCsr = Csrs.csr(device.key(), "CN=someone-else", ItDevice.CHALLENGE).getEncoded();
    CertRep refused = device.send(otherCsr, Options.defaults(tx));
    assertEquals("2", refused.pkiStatus());
    assertEquals("2", refused.failInfo(), "badRequest");
  }

  @Test
  void concurrentIdenticalRequestsYieldOneCertificate() throws Exception {
    ItDevice device = ItDevice.create(base, "scep");
    Options options = Options.defaults("tx-race-" + device.cn());
    byte[] message = ScepTestClient.pkiMessage(device.csr(ItDevice.CHALLENGE), device.raEncryption(), device.key(),
        device.selfSigned(), options);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<CertRep>> replies = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        replies.add(pool.submit((Callable<CertRep>) () -> device.post(message)));
      }
      Set<X509Certificate> issued = new HashSet<>();
      for (Future<CertRep> reply : replies) {
        CertRep rep = reply.get();
        assertTrue(rep.pkiStatus().equals("0") || rep.pkiStatus().equals("3"),
            () -> "SUCCESS or PENDING (still being issued), not " + rep.pkiStatus() + " " + rep.failInfoText());
        if (rep.pkiStatus().equals("0")) {
          issued.add(rep.certificates().get(0));
        }
      }
      CertRep polled = device.certPoll(options.transactionId());
      assertEquals("0", polled.pkiStatus());
      issued.add(polled.certificates().get(0));
      assertEquals(1, issued.size(), "every answer carries the same single certificate");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void getCertReturnsTheIssuedCertificateAndBadCertIdOtherwise() throws Exception {
    ItDevice device = ItDevice.create(base, "scep");
    X509Certificate issued = device.pkcsReq("tx-" + device.cn()).certificates().get(0);
    X500Name issuer = X500Name.getInstance(issued.getIssuerX500Principal().getEncoded());

    ItDevice asker = ItDevice.create(base, "scep");
    CertRep found = asker.getCert(issuer, issued.getSerialNumber());
    assertEquals("0", found.pkiStatus(), found::failInfoText);
    assertEquals(List.of(issued), found.certificates());

    CertRep missing = asker.getCert(issuer, issued.getSerialNumber().add(java.math.BigInteger.ONE));
    assertEquals("2", missing.pkiStatus());
    assertEquals("4", missing.failInfo(), "badCertId");
  }
}
