package org.scepra.nodes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.x500.X500Name;
import org.scepra.it.ScepHttp;
import org.scepra.protocol.MessageType;
import org.scepra.testkit.CertRepReader;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.ScepTestClient.Options;
import org.scepra.testkit.TestPki;

/**
 * SCEP against a {@link WildFlyNode}, for tests in which the server may be gone: unlike the
 * Arquillian helpers, an I/O error is the caller's to handle (a killed server is expected there).
 */
final class NodeScep {
  static final String CHALLENGE = "it-challenge-3141";
  static final String PKI_MESSAGE = "application/x-pki-message";

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .proxy(HttpClient.Builder.NO_PROXY).followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private NodeScep() {}

  record Answer(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static Answer post(URI uri, String contentType, byte[] body, Duration timeout) throws IOException {
    return send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(timeout).build());
  }

  static Answer get(URI uri, Duration timeout) throws IOException {
    return send(HttpRequest.newBuilder(uri).GET().timeout(timeout).build());
  }

  private static Answer send(HttpRequest request) throws IOException {
    try {
      HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(r.statusCode(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** A device with its key and throwaway certificate, and the endpoint's RA and CA certificates. */
  record Device(URI pkiOperation, KeyPair key, X509Certificate selfSigned, List<X509Certificate> caCerts) {

    /** Fetches the endpoint's certificates (GetCACert): the node must be up. */
    static Device create(WildFlyNode node, String path, KeyPair key, String cn) throws IOException {
      Answer caCert = get(node.uri(path + "?operation=GetCACert"), Duration.ofSeconds(60));
      if (caCert.status() != 200) {
        throw new AssertionError("GetCACert on " + path + ": HTTP " + caCert.status() + " " + caCert.text());
      }
      return new Device(node.uri(path + "?operation=PKIOperation"), key, TestPki.selfSigned(key, "CN=" + cn),
          ScepHttp.certificatesInOrder(caCert.body()));
    }

    X509Certificate ca() {
      return caCerts.get(caCerts.size() - 1);
    }

    byte[] pkcsReq(String transactionId, String cn) {
      try {
        byte[] csr = Csrs.csr(key, "CN=" + cn, CHALLENGE, cn + ".example.test").getEncoded();
        return message(csr, Options.defaults(transactionId));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    byte[] certPoll(String transactionId, String cn) {
      try {
        byte[] issuerAndSubject = new DERSequence(new ASN1Encodable[] {
            X500Name.getInstance(ca().getSubjectX500Principal().getEncoded()), new X500Name("CN=" + cn)}).getEncoded();
        return message(issuerAndSubject, Options.defaults(transactionId).messageType(MessageType.CERT_POLL));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    byte[] getCert(X509Certificate wanted, String transactionId) {
      try {
        byte[] content = new IssuerAndSerialNumber(X500Name.getInstance(wanted.getIssuerX500Principal().getEncoded()),
            wanted.getSerialNumber()).getEncoded();
        return message(content, Options.defaults(transactionId).messageType(MessageType.GET_CERT));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    byte[] message(byte[] content, Options options) {
      return ScepTestClient.pkiMessage(content, caCerts.get(0), key, selfSigned, options);
    }

    /** POSTs a pkiMessage; the CertRep if HTTP 200, else an AssertionError naming the status. */
    CertRep send(byte[] message, Duration timeout) throws IOException {
      Answer answer = post(pkiOperation, PKI_MESSAGE, message, timeout);
      if (answer.status() != 200) {
        throw new UnexpectedStatus(answer);
      }
      return CertRepReader.read(answer.body(), key.getPrivate());
    }

    /** The certificate for this device's key in a SUCCESS CertRep. */
    X509Certificate issued(CertRep rep) {
      return rep.certificates().stream().filter(c -> c.getPublicKey().equals(key.getPublic())).findFirst()
          .orElseThrow(() -> new AssertionError("SUCCESS without a certificate for the device's key"));
    }
  }

  /** A PKIOperation answered with another status than 200. */
  static final class UnexpectedStatus extends RuntimeException {
    final transient Answer answer;

    UnexpectedStatus(Answer answer) {
      super("HTTP " + answer.status() + ": " + abbreviated(answer.text()));
      this.answer = answer;
    }

    private static String abbreviated(String text) {
      return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
  }
}
