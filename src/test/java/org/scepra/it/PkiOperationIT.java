package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.cms.CMSAlgorithm;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scepra.protocol.MessageType;
import org.scepra.testkit.CertRepReader;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.ScepTestClient.Options;
import org.scepra.testkit.TestPki;

/** PKIOperation over HTTP, GET and POST, on a deployed scepra: the answers a client sees. */
@ExtendWith(ArquillianExtension.class)
class PkiOperationIT {
  static final String CHALLENGE = "it-challenge-3141";
  static final String PKI_MESSAGE = "application/x-pki-message";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  /** A device: its key, throwaway certificate, and the server's certificates from GetCACert. */
  record Device(String cn, KeyPair key, X509Certificate selfSigned, List<X509Certificate> caCerts) {
    X509Certificate raEncryption() {
      return caCerts.get(0);
    }

    byte[] pkcsReq(String challenge, Options options) throws Exception {
      return ScepTestClient.pkiMessage(Csrs.csr(key, "CN=" + cn, challenge, cn + ".example.test").getEncoded(),
          raEncryption(), key, selfSigned, options);
    }
  }

  Device device(String path) {
    String cn = "it-" + UUID.randomUUID();
    KeyPair key = TestPki.rsa(2048);
    return new Device(cn, key, TestPki.selfSigned(key, "CN=" + cn), ScepHttp.caCerts(base, path));
  }

  CertRep post(String path, Device device, byte[] message) {
    ScepHttp.Response response = ScepHttp.post(base, path + "?operation=PKIOperation", PKI_MESSAGE, message);
    assertEquals(200, response.status(), response::toString);
    assertEquals(PKI_MESSAGE, response.mediaType());
    return CertRepReader.read(response.body(), device.key().getPrivate());
  }

  void assertIssuedTo(Device device, CertRep rep, Options options) throws Exception {
    assertEquals("0", rep.pkiStatus(), () -> "failInfo " + rep.failInfo() + ": " + rep.failInfoText());
    assertEquals(options.transactionId(), rep.transactionId());
    assertTrue(java.util.Arrays.equals(options.senderNonce(), rep.recipientNonce()));
    X509Certificate issued = rep.certificates().get(0);
    assertEquals(device.key().getPublic(), issued.getPublicKey());
    assertEquals("CN=" + device.cn(), issued.getSubjectX500Principal().getName());
    List<X509Certificate> caChain = device.caCerts().subList(2, device.caCerts().size());
    Certs.assertChainsTo(issued, caChain);
    assertEquals(new org.bouncycastle.cert.X509CertificateHolder(device.caCerts().get(1).getEncoded()), rep.signer(),
        "signed by the RA signing certificate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scep", "scep/default", "cgi-bin/pkiclient.exe", "certsrv/mscep/mscep.dll/pkiclient.exe", "scep/pkiclient.exe", "scep/default/pkiclient.exe"})
  void postEnrolsOnEveryPath(String path) throws Exception {
    Device device = device(path);
    Options options = Options.defaults("tx-" + device.cn());
    assertIssuedTo(device, post(path, device, device.pkcsReq(CHALLENGE, options)), options);
  }

  @Test
  void postAcceptsChunkedBerWith3desAndSha512() throws Exception {
    Device device = device("scep");
    Options options = Options.defaults("tx-" + device.cn()).cipher(CMSAlgorithm.DES_EDE3_CBC).digest("SHA512").chunked();
    CertRep rep = post("scep", device, device.pkcsReq(CHALLENGE, options));
    assertIssuedTo(device, rep, options);
    assertEquals(CMSAlgorithm.DES_EDE3_CBC.getId(), rep.cipherOid(), "reply mirrors the request's cipher");
    assertEquals("2.16.840.1.101.3.4.2.3", rep.digestOid(), "reply mirrors the request's digest");
  }

  @ParameterizedTest
  @ValueSource(strings = {"escaped", "plus-as-space", "cisco-line-breaks", "unescaped"})
  void getEnrolsWithTheBase64ThatClientsActuallySend(String style) throws Exception {
    Device device = device("cgi-bin/pkiclient.exe");
    Options options = Options.defaults("tx-" + device.cn());
    String base64 = Base64.getEncoder().encodeToString(device.pkcsReq(CHALLENGE, options));
    String message = switch (style) {
      case "escaped" -> URLEncoder.encode(base64, StandardCharsets.US_ASCII);
      case "plus-as-space" -> base64.replace("+", "%20");
      case "cisco-line-breaks" -> URLEncoder.encode(Base64.getMimeEncoder(64, new byte[] {'\n'})
          .encodeToString(device.pkcsReq(CHALLENGE, options)), StandardCharsets.US_ASCII);
      default -> base64.replace("/", "%2F"); // '+' and '=' left raw, as half-escaping clients do
    };
    ScepHttp.Response response = ScepHttp.get(base, "cgi-bin/pkiclient.exe?operation=PKIOperation&message=" + message);
    assertEquals(200, response.status(), response::toString);
    assertIssuedTo(device, CertRepReader.read(response.body(), device.key().getPrivate()), options);
  }

  @Test
  void wrongOrMissingChallengeIsBadRequest() throws Exception {
    for (String challenge : new String[] {"not-the-challenge", null}) {
      Device device = device("scep");
      CertRep rep = post("scep", device, device.pkcsReq(challenge, Options.defaults("tx-" + device.cn())));
      assertEquals("2", rep.pkiStatus());
      assertEquals("2", rep.failInfo(), "badRequest");
      assertFalse(rep.failInfoText().contains(CHALLENGE), "never echo the challenge");
    }
  }

  @Test
  void singleDesIsBadAlgWithoutLegacyAndIssuedWithIt() throws Exception {
    Device modern = device("scep/default");
    Options des = Options.defaults("tx-" + modern.cn()).cipher(CMSAlgorithm.DES_CBC).digest("SHA1");
    CertRep refused = post("scep/default", modern, modern.pkcsReq(CHALLENGE, des));
    assertEquals("2", refused.pkiStatus());
    assertEquals("0", refused.failInfo(), "badAlg");

    Device legacy = device("scep/legacy");
    Options legacyDes = Options.defaults("tx-" + legacy.cn()).cipher(CMSAlgorithm.DES_CBC).digest("SHA1");
    assertIssuedTo(legacy, post("scep/legacy", legacy, legacy.pkcsReq(CHALLENGE, legacyDes)), legacyDes);
  }

  @Test
  void tamperedSignatureIsBadMessageCheck() throws Exception {
    Device device = device("scep");
    byte[] message = device.pkcsReq(CHALLENGE, Options.defaults("tx-" + device.cn()));
    message[message.length - 5] ^= 0x01;
    CertRep rep = post("scep", device, message);
    assertEquals("2", rep.pkiStatus());
    assertEquals("1", rep.failInfo(), "badMessageCheck");
  }

  @Test
  void certPollForAnUnknownTransactionIsRejected() throws Exception {
    Device device = device("scep");
    byte[] issuerAndSubject = new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
        new org.bouncycastle.asn1.x500.X500Name("CN=scepra Internal CA"),
        new org.bouncycastle.asn1.x500.X500Name("CN=" + device.cn())}).getEncoded();
    Options options = Options.defaults("tx-unknown-" + device.cn()).messageType(MessageType.CERT_POLL);
    byte[] message = ScepTestClient.pkiMessage(issuerAndSubject, device.raEncryption(), device.key(),
        device.selfSigned(), options);
    CertRep rep = post("scep", device, message);
    assertEquals("2", rep.pkiStatus());
    assertEquals(options.transactionId(), rep.transactionId());
  }

  @Test
  void undecodableInputIsA400WithAShortPlainReason() {
    for (byte[] body : new byte[][] {new byte[0], "garbage".getBytes(StandardCharsets.US_ASCII)}) {
      ScepHttp.Response response = ScepHttp.post(base, "scep?operation=PKIOperation", PKI_MESSAGE, body);
      assertEquals(400, response.status(), response::toString);
      assertEquals("text/plain", response.mediaType());
      assertTrue(response.body().length < 200, response::toString);
      assertFalse(response.text().contains("Exception"), response::toString);
    }
    ScepHttp.Response notBase64 = ScepHttp.get(base, "scep?operation=PKIOperation&message=%25%25");
    assertEquals(400, notBase64.status(), notBase64::toString);
    ScepHttp.Response noMessage = ScepHttp.get(base, "scep?operation=PKIOperation");
    assertEquals(400, noMessage.status(), noMessage::toString);
  }

  @Test
  void getNextCaCertWithoutRolloverIsNotFound() {
    ScepHttp.Response response = ScepHttp.get(base, "scep?operation=GetNextCACert");
    assertEquals(404, response.status(), response::toString);
    assertEquals("text/plain", response.mediaType());
  }
}
