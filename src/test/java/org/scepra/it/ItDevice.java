package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.net.URL;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.x500.X500Name;
import org.scepra.protocol.MessageType;
import org.scepra.testkit.CertRepReader;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.ScepTestClient.Options;
import org.scepra.testkit.TestPki;

/** A device talking SCEP to one endpoint path: its key, throwaway certificate and the server's certificates. */
public record ItDevice(URL base, String path, String cn, KeyPair key, X509Certificate selfSigned,
    List<X509Certificate> caCerts) {

  public static final String CHALLENGE = "it-challenge-3141";
  static final String PKI_MESSAGE = "application/x-pki-message";

  public static ItDevice create(URL base, String path) {
    String cn = "it-" + UUID.randomUUID();
    KeyPair key = TestPki.rsa(2048);
    return new ItDevice(base, path, cn, key, TestPki.selfSigned(key, "CN=" + cn), ScepHttp.caCerts(base, path));
  }

  public X509Certificate raEncryption() {
    return caCerts.get(0);
  }

  public X509Certificate ca() {
    return caCerts.get(caCerts.size() - 1);
  }

  public byte[] csr(String challenge) throws Exception {
    return Csrs.csr(key, "CN=" + cn, challenge, cn + ".example.test").getEncoded();
  }

  /** Wraps {@code content} as a pkiMessage of the options' type, POSTs it and reads the CertRep. */
  public CertRep send(byte[] content, Options options) {
    byte[] message = ScepTestClient.pkiMessage(content, raEncryption(), key, selfSigned, options);
    return post(message);
  }

  public CertRep post(byte[] message) {
    ScepHttp.Response response = ScepHttp.post(base, path + "?operation=PKIOperation", PKI_MESSAGE, message);
    assertEquals(200, response.status(), response::toString);
    return CertRepReader.read(response.body(), key.getPrivate());
  }

  public CertRep pkcsReq(String transactionId) throws Exception {
    return send(csr(CHALLENGE), Options.defaults(transactionId));
  }

  public CertRep certPoll(String transactionId) throws Exception {
    byte[] issuerAndSubject = new DERSequence(new ASN1Encodable[] {
        X500Name.getInstance(ca().getSubjectX500Principal().getEncoded()), new X500Name("CN=" + cn)}).getEncoded();
    return send(issuerAndSubject, Options.defaults(transactionId).messageType(MessageType.CERT_POLL));
  }

  public CertRep getCert(X500Name issuer, BigInteger serial) throws Exception {
    return send(new IssuerAndSerialNumber(issuer, serial).getEncoded(),
        Options.defaults("getcert-" + UUID.randomUUID()).messageType(MessageType.GET_CERT));
  }

  public CertRep getCrl(X509Certificate certificate) throws Exception {
    return send(new IssuerAndSerialNumber(X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()),
            certificate.getSerialNumber()).getEncoded(),
        Options.defaults("getcrl-" + UUID.randomUUID()).messageType(MessageType.GET_CRL));
  }
}
