package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scepra.testkit.HostileMessages.challenge;
import static org.scepra.testkit.HostileMessages.dnsSan;
import static org.scepra.testkit.HostileMessages.extensionRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cms.CMSAlgorithm;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scepra.protocol.MessageType;
import org.scepra.testkit.CertRepReader;
import org.scepra.testkit.CertRepReader.CertRep;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.HostileMessages;
import org.scepra.testkit.HostileMessages.Signing;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.ScepTestClient.Options;
import org.scepra.testkit.TestPki;

/**
 * The hostile-input catalogue over HTTP against a deployed scepra: what a client sees for each
 * malformed, tampered, oversized or odd request. Undecodable input gets HTTP 4xx with a short plain
 * reason; decodable but wrong input a signed CertRep FAILURE with failInfo and failInfoText;
 * legal-but-odd input is served.
 */
@ExtendWith(ArquillianExtension.class)
class HostileInputIT {
  static final String CHALLENGE = ItDevice.CHALLENGE;
  static final String PKI_MESSAGE = "application/x-pki-message";
  static final int LIMIT = 2 * 1024 * 1024;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource
  URL base;

  /** What the client must see. */
  sealed interface Answer {}

  /** HTTP error, text/plain, this exact reason. */
  record Http(int status, String reason) implements Answer {}

  /** CertRep FAILURE with this failInfo (RFC 8894 code) and failInfoText. */
  record Failure(int failInfo, String text) implements Answer {}

  /** CertRep SUCCESS with a certificate for the requester's key. */
  record Issued() implements Answer {}

  /** One hostile exchange, sent by a device on one endpoint. */
  interface Exchange {
    Reply send(Client client) throws Exception;
  }

  /** The HTTP answer and the key that may decrypt it. */
  record Reply(ScepHttp.Response response, KeyPair requester) {}

  static final int BAD_ALG = 0;
  static final int BAD_MESSAGE_CHECK = 1;
  static final int BAD_REQUEST = 2;
  static final int BAD_CERT_ID = 4;

  static Stream<Arguments> catalogue() {
    return Stream.of(
        // ---- operation
        c("unknown operation", x -> x.get("operation=GetEverything"), new Http(400, "unknown operation")),
        c("operation in the wrong case", x -> x.get("operation=pkioperation"), new Http(400, "unknown operation")),
        c("missing operation", x -> x.get("message=abc"), new Http(400, "missing operation parameter")),
        c("empty operation", x -> x.get("operation="), new Http(400, "missing operation parameter")),
        c("unknown endpoint alias", x -> x.on("scep/no-such-alias").get("operation=GetCACaps"),
            new Http(404, "no SCEP endpoint at this path")),
        // ---- GET message
        c("GET without message", x -> x.get("operation=PKIOperation"), new Http(400, "missing message parameter")),
        c("GET with an empty message", x -> x.get("operation=PKIOperation&message="),
            new Http(400, "message parameter is not base64")),
        c("GET with a message that is not base64", x -> x.get("operation=PKIOperation&message=%25%21%7E"),
            new Http(400, "message parameter is not base64")),
        c("GET with random bytes", x -> x.getMessage(random(2000)), new Http(400, "message is not a CMS SignedData")),
        c("GET with a truncated message", x -> x.getMessage(Arrays.copyOf(x.pkcsReq(x.options()), 400)),
            new Http(400, "message is not a CMS SignedData")),
        c("GET with base64url", x -> x.get("operation=PKIOperation&message="
            + Base64.getUrlEncoder().encodeToString(x.pkcsReq(x.options()))), new Issued()),
        c("GET with '+' sent as space", x -> x.get("operation=PKIOperation&message="
            + Base64.getEncoder().encodeToString(x.pkcsReq(x.options())).replace("+", "%20")), new Issued()),
        c("GET with %0A line breaks", x -> x.get("operation=PKIOperation&message=" + URLEncoder.encode(
            Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(x.pkcsReq(x.options())),
            StandardCharsets.US_ASCII)), new Issued()),
        // ---- POST body
        c("POST empty", x -> x.post(new byte[0]), new Http(400, "empty message")),
        c("POST random bytes", x -> x.post(random(5000)), new Http(400, "message is not a CMS SignedData")),
        c("POST truncated DER", x -> x.post(Arrays.copyOf(x.pkcsReq(x.options()), 700)),
            new Http(400, "message is not a CMS SignedData")),
        c("POST 1 MiB of nested SEQUENCEs", x -> x.post(HostileMessages.nestedIndefinite(262_144)),
            new Http(400, "message is nested too deeply")),
        c("POST with trailing garbage", x -> x.post(HostileMessages.concat(x.pkcsReq(x.options()), random(64))),
            new Issued()),
        c("POST BER, chunked octets, 3DES, SHA-512",
            x -> x.post(x.pkcsReq(x.options().cipher(CMSAlgorithm.DES_EDE3_CBC).digest("SHA512").chunked())),
            new Issued()),
        c("POST with chunked transfer encoding", x -> x.postChunked(x.pkcsReq(x.options())), new Issued()),
        c("POST as a form", x -> x.post(x.pkcsReq(x.options()), "application/x-www-form-urlencoded"), new Issued()),
        c("POST as text/plain", x -> x.post(x.pkcsReq(x.options()), "text/plain"), new Issued()),
        // ---- SignedData
        c("signature corrupted", x -> x.post(HostileMessages.flipSignature(x.pkcsReq(x.options()))),
            new Failure(BAD_MESSAGE_CHECK, "the request signature does not verify")),
        c("content tampered after signing", x -> x.post(HostileMessages.tamperContent(x.pkcsReq(x.options()))),
            new Failure(BAD_MESSAGE_CHECK, "the request signature does not verify")),
        c("signer certificate missing", x -> x.post(x.signed(x.envelopedCsr(), x.signing().certificates(List.of()))),
            new Failure(BAD_MESSAGE_CHECK, "the signer certificate is missing")),
        c("signer certificate not the signer's",
            x -> x.post(x.signed(x.envelopedCsr(), x.signing().certificates(List.of(x.raEncryption())))),
            new Failure(BAD_MESSAGE_CHECK, "the signer certificate is missing")),
        c("messageType missing", x -> x.post(x.pkcsReq(x.options().messageType((String) null))),
            new Failure(BAD_REQUEST, "unsupported messageType")),
        c("messageType unknown", x -> x.post(x.pkcsReq(x.options().messageType("18"))),
            new Failure(BAD_REQUEST, "unsupported messageType")),
        c("messageType malformed", x -> x.post(x.pkcsReq(x.options().messageType("19; DROP TABLE"))),
            new Failure(BAD_REQUEST, "unsupported messageType")),
        c("messageType CertRep", x -> x.post(x.pkcsReq(x.options().messageType("3"))),
            new Failure(BAD_REQUEST, "CertRep is not a request")),
        c("transactionID missing", x -> x.post(x.pkcsReq(x.options().transactionId(null))),
            new Http(400, "transactionID is missing")),
        c("transactionID malformed", x -> x.post(x.pkcsReq(x.options().transactionId("tx\r\nevent=forged"))),
            new Http(400, "transactionID is malformed")),
        c("transactionID too long", x -> x.post(x.pkcsReq(x.options().transactionId("t".repeat(129)))),
            new Http(400, "transactionID is malformed")),
        c("senderNonce missing", x -> x.post(x.pkcsReq(x.options().senderNonce(null))),
            new Http(400, "senderNonce is missing")),
        c("senderNonce of 8 bytes, echoed", x -> x.post(x.pkcsReq(x.options().senderNonce(new byte[8]))),
            new Issued()),
        c("senderNonce of 64 bytes, echoed", x -> x.post(x.pkcsReq(x.options().senderNonce(new byte[64]))),
            new Issued()),
        c("senderNonce of 65 bytes", x -> x.post(x.pkcsReq(x.options().senderNonce(new byte[65]))),
            new Failure(BAD_REQUEST, "senderNonce is 65 octets; RFC 8894 nonces are 16 (at most 64 accepted)")),
        c("senderNonce of 4 KiB", x -> x.post(x.pkcsReq(x.options().senderNonce(new byte[4096]))),
            new Failure(BAD_REQUEST, "senderNonce is 4096 octets; RFC 8894 nonces are 16 (at most 64 accepted)")),
        c("senderNonce empty", x -> x.post(x.pkcsReq(x.options().senderNonce(new byte[0]))),
            new Failure(BAD_REQUEST, "senderNonce is 0 octets; RFC 8894 nonces are 16 (at most 64 accepted)")),
        // ---- EnvelopedData
        c("envelope for another recipient", x -> x.post(ScepTestClient.pkiMessage(x.device().csr(CHALLENGE),
            x.raSigning(), x.device().key(), x.device().selfSigned(), x.options())),
            new Failure(BAD_MESSAGE_CHECK, "the request is not encrypted to this RA's encryption certificate")),
        c("ciphertext corrupted", x -> x.post(x.signed(HostileMessages.corruptCiphertext(x.envelopedCsr()),
            x.signing())), new Failure(BAD_MESSAGE_CHECK, "the request could not be decrypted")),
        c("RC2", x -> x.post(x.pkcsReq(x.options().cipher(CMSAlgorithm.RC2_CBC))),
            new Failure(BAD_ALG, "content encryption algorithm 1.2.840.113549.3.2 is not accepted")),
        c("single DES without legacy", x -> x.post(x.pkcsReq(x.options().cipher(CMSAlgorithm.DES_CBC))),
            new Failure(BAD_ALG, "content encryption algorithm 1.3.14.3.2.7 is not accepted")),
        c("MD5 without legacy", x -> x.post(x.pkcsReq(x.options().digest("MD5"))),
            new Failure(BAD_ALG, "digest algorithm 1.2.840.113549.2.5 is not accepted")),
        c("not encrypted", x -> x.post(x.signed(x.device().csr(CHALLENGE), x.signing())),
            new Failure(BAD_MESSAGE_CHECK, "the request content is not an EnvelopedData")),
        // ---- the CSR
        c("content not a CSR", x -> x.post(x.message(new DERSequence().getEncoded(), x.options())),
            new Failure(BAD_REQUEST, "the request content is not a PKCS#10 CSR")),
        c("CSR with a broken self-signature",
            x -> x.post(x.message(HostileMessages.brokenSignature(Csrs.csr(x.device().key(), "CN=" + x.device().cn(),
                CHALLENGE)), x.options())),
            new Failure(BAD_MESSAGE_CHECK, "the CSR's self-signature does not verify (no proof of possession)")),
        c("request signed with an EC key: the reply could not be encrypted to it, so nothing is issued", x -> {
          java.security.KeyPair ec = TestPki.ec();
          return x.post(ScepTestClient.pkiMessage(x.device().csr(CHALLENGE), x.raEncryption(), ec,
              TestPki.selfSigned(ec, "CN=" + x.device().cn()), x.options()));
        }, new Failure(BAD_ALG, "the reply is encrypted to the key that signed the request, which must be an RSA key")),
        c("CSR with an RSA-512 key", x -> x.post(x.message(Csrs.csr(TestPki.rsa(512), "CN=" + x.device().cn(),
            CHALLENGE).getEncoded(), x.options())), new Failure(BAD_ALG, "RSA keys must have at least 2048 bits")),
        c("CSR without subject or subjectAltName", x -> x.post(x.message(Csrs.csr(x.device().key(), "", CHALLENGE)
            .getEncoded(), x.options())), new Failure(BAD_REQUEST, "the request names no subject and no subjectAltName")),
        c("CSR without subject but with a subjectAltName", x -> x.post(x.message(Csrs.csr(x.device().key(), "",
            CHALLENGE, x.device().cn() + ".example.test").getEncoded(), x.options())), new Issued()),
        c("CSR with a 2,000-character CN", x -> x.post(x.message(Csrs.csr(x.device().key(), "CN=" + "a".repeat(2_000),
            CHALLENGE).getEncoded(), x.options())), new Failure(BAD_REQUEST, "the subject is longer than 1024 characters")),
        c("CSR with a 10,000-character CN", x -> x.post(x.message(Csrs.csr(x.device().key(), "CN=" + "a".repeat(10_000),
            CHALLENGE).getEncoded(), x.options())), new Failure(BAD_REQUEST, "the CSR is larger than 10000 bytes")),
        c("CSR whose subject has 960 characters in attributes of unknown type",
            x -> x.post(x.message(Csrs.csr(x.device().key(), "CN=" + x.device().cn() + ",1.2.3.4=" + "a".repeat(480)
                + ",1.2.3.5=" + "b".repeat(480), CHALLENGE).getEncoded(), x.options())), new Issued()),
        c("CSR with a malformed subjectAltName", x -> x.post(x.message(HostileMessages.csr(x.device().key(),
            "CN=" + x.device().cn(), challenge(CHALLENGE), extensionRequest(HostileMessages.rawExtension(
                Extension.subjectAlternativeName, new byte[] {0x30, 0x03, (byte) 0x82, 0x05}))).getEncoded(), x.options())),
            new Failure(BAD_REQUEST, "the CSR's requested extensions are malformed")),
        c("CSR of 40 KB with a valid challenge", x -> x.post(x.message(Csrs.csr(x.device().key(),
            "CN=" + x.device().cn(), CHALLENGE, manyNames(1500)).getEncoded(), x.options())),
            new Failure(BAD_REQUEST, "the CSR is larger than 10000 bytes")),
        c("SAN smuggled past the policy in a second extensionRequest", x -> {
          Client strict = x.on("scep/strict");
          return strict.post(strict.message(HostileMessages.csr(TestPki.rsa(3072), "CN=" + x.cn() + ",O=scepra",
              challenge(CHALLENGE), extensionRequest(dnsSan("ok.example.test")),
              extensionRequest(dnsSan("victim.example.com"))).getEncoded(), strict.options()));
        }, new Failure(BAD_REQUEST, "the CSR's requested extensions are malformed")),
        // ---- the challenge
        c("wrong challenge", x -> x.post(x.message(x.device().csr("wrong-challenge"), x.options())),
            new Failure(BAD_REQUEST, "the challenge password is wrong")),
        c("missing challenge", x -> x.post(x.message(x.device().csr(null), x.options())),
            new Failure(BAD_REQUEST, "the challenge password is missing")),
        c("64 KiB challenge", x -> x.post(x.message(Csrs.csr(x.device().key(), "CN=" + x.device().cn(),
            "c".repeat(65_536)).getEncoded(), x.options())),
            new Failure(BAD_REQUEST, "the CSR is larger than 10000 bytes")),
        // ---- other message types
        c("CertPoll for an unknown transaction", x -> x.post(x.message(new DERSequence(new X500Name[] {
            X500Name.getInstance(x.device().ca().getSubjectX500Principal().getEncoded()), new X500Name("CN=nobody")})
            .getEncoded(), x.options().messageType(MessageType.CERT_POLL))),
            new Failure(BAD_REQUEST, "no transaction with this transactionID for this requester")),
        c("GetCert for an unknown serial", x -> x.post(x.message(new IssuerAndSerialNumber(
            X500Name.getInstance(x.device().ca().getSubjectX500Principal().getEncoded()), BigInteger.valueOf(42))
            .getEncoded(), x.options().messageType(MessageType.GET_CERT))),
            new Failure(BAD_CERT_ID, "no certificate with this issuer and serial number")),
        c("GetCert for an unknown issuer", x -> x.post(x.message(new IssuerAndSerialNumber(new X500Name("CN=Nobody"),
            BigInteger.ONE).getEncoded(), x.options().messageType(MessageType.GET_CERT))),
            new Failure(BAD_CERT_ID, "no certificate with this issuer and serial number")),
        c("GetCert carrying a CSR", x -> x.post(x.message(x.device().csr(CHALLENGE),
            x.options().messageType(MessageType.GET_CERT))),
            new Failure(BAD_REQUEST, "the request content is not an IssuerAndSerialNumber")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void answersExactly(String name, Exchange exchange, Answer expected) throws Exception {
    Reply reply = exchange.send(new Client(base, "scep"));
    ScepHttp.Response response = reply.response();
    if (expected instanceof Http http) {
      assertEquals(http.status(), response.status(), response::toString);
      assertEquals("text/plain", response.mediaType(), response::toString);
      assertEquals(http.reason(), response.text(), response::toString);
      return;
    }
    assertEquals(200, response.status(), response::toString);
    assertEquals(PKI_MESSAGE, response.mediaType(), response::toString);
    CertRep rep = CertRepReader.read(response.body(), reply.requester().getPrivate());
    assertEquals("3", rep.messageType());
    if (expected instanceof Failure failure) {
      assertEquals("2", rep.pkiStatus(), () -> name + ": " + rep.failInfoText());
      assertEquals(Integer.toString(failure.failInfo()), rep.failInfo(), rep::failInfoText);
      assertEquals(failure.text(), rep.failInfoText());
      assertTrue(rep.certificates().isEmpty());
    } else {
      assertEquals("0", rep.pkiStatus(), () -> name + ": failInfo " + rep.failInfo() + " " + rep.failInfoText());
      assertEquals(reply.requester().getPublic(), rep.certificates().get(0).getPublicKey());
    }
  }

  @Test
  void retransmissionReplaysTheSameCertificateAndAnotherCsrIsRefused() throws Exception {
    Client client = new Client(base, "scep");
    Options options = client.options();
    CertRep first = client.read(client.post(client.pkcsReq(options)));
    assertEquals("0", first.pkiStatus(), first::failInfoText);
    CertRep replayed = client.read(client.post(client.pkcsReq(options.senderNonce(new byte[16]))));
    assertEquals(first.certificates().get(0), replayed.certificates().get(0), "the same certificate, not a new one");
    CertRep other = client.read(client.post(client.message(Csrs.csr(client.device().key(), "CN=someone-else",
        CHALLENGE).getEncoded(), options)));
    assertEquals("2", other.pkiStatus());
    assertEquals("this transactionID was already used for a different request", other.failInfoText());
  }

  /** GetCRL names the issuer of the certificate in question: this CA's gets its CRL, whatever the serial. */
  @Test
  void getCrlForASerialNobodyIssuedAnswersTheEndpointCrl() throws Exception {
    Client client = new Client(base, "scep");
    java.security.cert.X509Certificate ca = client.device().ca();
    CertRep rep = client.read(client.post(client.message(new IssuerAndSerialNumber(
        X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), BigInteger.TEN).getEncoded(),
        client.options().messageType(MessageType.GET_CRL))));
    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    assertEquals(1, rep.crls().size());
  }

  /** Another issuer's CRL is not this endpoint's to give: badCertId, not a CRL about something else. */
  @Test
  void getCrlForAnotherIssuerIsBadCertId() throws Exception {
    Client client = new Client(base, "scep");
    CertRep rep = client.read(client.post(client.message(new IssuerAndSerialNumber(new X500Name("CN=Nobody"),
        BigInteger.TEN).getEncoded(), client.options().messageType(MessageType.GET_CRL))));
    assertEquals("2", rep.pkiStatus());
    assertEquals("4", rep.failInfo(), "badCertId");
    assertEquals("this endpoint publishes no CRL of that issuer", rep.failInfoText());
  }

  @Test
  void aCommonNameLikeAPathIsIssuedAndNeverBecomesAFileName() throws Exception {
    Client client = new Client(base, "scep");
    String marker = "hostile-cn-" + UUID.randomUUID();
    KeyPair key = client.device().key();
    CertRep rep = client.read(client.post(client.message(Csrs.csr(key, "CN=../../" + marker + ",OU=../" + marker,
        CHALLENGE, marker + ".example.test").getEncoded(), client.options())));
    assertEquals("0", rep.pkiStatus(), rep::failInfoText);
    assertEquals(new X500Name("CN=../../" + marker + ",OU=../" + marker),
        X500Name.getInstance(rep.certificates().get(0).getSubjectX500Principal().getEncoded()));
    Path project = Path.of(System.getProperty("test.data.dir")).toAbsolutePath().getParent().getParent();
    try (Stream<Path> files = Files.walk(project)) {
      List<Path> named = files.filter(p -> p.getFileName().toString().contains(marker)).toList();
      assertTrue(named.isEmpty(), "files named after requester text: " + named);
    }
  }

  @Test
  void challengeTextNeverComesBack() throws Exception {
    Client client = new Client(base, "scep");
    String secret = "leak-canary-" + UUID.randomUUID();
    CertRep rep = client.read(client.post(client.message(client.device().csr(secret), client.options())));
    assertEquals("2", rep.pkiStatus());
    assertFalse(rep.failInfoText().contains(secret) || rep.failInfoText().contains(CHALLENGE), rep.failInfoText());
  }

  /** Content-Length over the cap: refused with 413 at once, while most of the body was never sent. */
  @Test
  void oversizedBodyIsRefusedBeforeItIsRead() throws Exception {
    for (long declared : new long[] {LIMIT + 1L, 3L << 20, 10L << 20}) {
      RawResponse response = raw("Content-Length: " + declared, new byte[64 * 1024]);
      assertEquals(413, response.status(), response::toString);
      assertEquals("message exceeds 2097152 bytes", response.body(), response::toString);
      assertTrue(response.head().contains("Connection: close"), response::toString);
    }
    // Above its own max-post-size (10 MiB) WildFly refuses before scepra sees the request (empty 400).
    RawResponse huge = raw("Content-Length: " + (1L << 40), new byte[64 * 1024]);
    assertTrue(huge.status() == 413 && huge.body().equals("message exceeds 2097152 bytes")
        || huge.status() == 400 && huge.body().isEmpty(), huge::toString);
  }

  /** An alias with an escaped path traversal: no endpoint (404), or the container refuses %2F itself (400). */
  @Test
  void aliasWithAnEscapedPathTraversalIsNoEndpoint() {
    ScepHttp.Response response = ScepHttp.get(base, "scep/..%2F..%2Fadmin?operation=GetCACaps");
    assertTrue(response.status() == 404 && response.text().equals("no SCEP endpoint at this path")
        || response.status() == 400 && response.body().length == 0, response::toString);
  }

  /** Chunked transfer encoding has no Content-Length: read up to the cap plus one byte, then refused. */
  @Test
  void oversizedChunkedBodyIsRefusedAtTheCap() throws Exception {
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    byte[] chunk = new byte[64 * 1024];
    for (int sent = 0; sent < LIMIT + chunk.length; sent += chunk.length) {
      chunks.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      chunks.writeBytes(chunk);
      chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    for (String connection : new String[] {"", "Connection: close\r\n"}) {
      RawResponse response = rawRequest("POST " + path("scep?operation=PKIOperation") + " HTTP/1.1\r\n"
          + "Host: 127.0.0.1\r\nContent-Type: " + PKI_MESSAGE + "\r\nTransfer-Encoding: chunked\r\n" + connection
          + "\r\n", chunks.toByteArray());
      assertEquals(413, response.status(), response::toString);
      assertEquals("message exceeds 2097152 bytes", response.body(), response::toString);
      assertTrue(response.head().contains("Connection: close"), response::toString);
    }
  }

  /**
   * A GET whose message is 1 MiB of base64: WildFly refuses the over-long request line itself (its
   * max-header-size is 1 MiB) with an empty 400. A 64 KB one (IIS's limit for NDES) reaches scepra.
   */
  @Test
  void oneMegabyteGetIsRefusedByTheServer() throws Exception {
    String huge = Base64.getEncoder().encodeToString(new byte[786_432]);
    RawResponse response = rawRequest("GET " + path("scep?operation=PKIOperation&message=" + huge)
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", new byte[0]);
    assertEquals(400, response.status(), response::toString);
    assertEquals("", response.body(), response::toString);
    String large = Base64.getEncoder().encodeToString(random(48_000));
    ScepHttp.Response served = ScepHttp.get(base, "scep?operation=PKIOperation&message="
        + URLEncoder.encode(large, StandardCharsets.US_ASCII));
    assertEquals(400, served.status(), served::toString);
    assertEquals("message is not a CMS SignedData", served.text());
  }

  // ---- helpers

  /** A device on one endpoint path, created on first use. */
  static final class Client {
    final URL base;
    final String path;
    private ItDevice device;
    private final String cn = "hostile-" + UUID.randomUUID();

    Client(URL base, String path) {
      this.base = base;
      this.path = path;
    }

    /** Another endpoint: another device, since each endpoint has RA certificates of its own. */
    Client on(String otherPath) {
      return new Client(base, otherPath);
    }

    ItDevice device() {
      if (device == null) {
        device = ItDevice.create(base, path);
      }
      return device;
    }

    String cn() {
      return cn;
    }

    java.security.cert.X509Certificate raEncryption() {
      return device().raEncryption();
    }

    java.security.cert.X509Certificate raSigning() {
      return device().caCerts().get(1);
    }

    Options options() {
      return Options.defaults("hostile-" + UUID.randomUUID());
    }

    Signing signing() {
      return Signing.normal(device().key(), device().selfSigned(), "19", "hostile-" + UUID.randomUUID());
    }

    byte[] message(byte[] content, Options options) {
      return ScepTestClient.pkiMessage(content, raEncryption(), device().key(), device().selfSigned(), options);
    }

    byte[] pkcsReq(Options options) throws Exception {
      return message(device().csr(CHALLENGE), options);
    }

    byte[] envelopedCsr() throws Exception {
      return ScepTestClient.envelope(device().csr(CHALLENGE), raEncryption(), CMSAlgorithm.AES128_CBC);
    }

    byte[] signed(byte[] content, Signing signing) {
      return HostileMessages.signed(content, signing);
    }

    Reply get(String query) {
      return new Reply(ScepHttp.get(base, path + "?" + query), requester());
    }

    Reply getMessage(byte[] message) {
      return get("operation=PKIOperation&message="
          + URLEncoder.encode(Base64.getEncoder().encodeToString(message), StandardCharsets.US_ASCII));
    }

    Reply post(byte[] body) {
      return post(body, PKI_MESSAGE);
    }

    Reply post(byte[] body, String contentType) {
      return new Reply(ScepHttp.post(base, path + "?operation=PKIOperation", contentType, body), requester());
    }

    Reply postChunked(byte[] body) {
      return new Reply(ScepHttp.postStream(base, path + "?operation=PKIOperation", PKI_MESSAGE, body), requester());
    }

    KeyPair requester() {
      return device == null ? null : device.key();
    }

    CertRep read(Reply reply) {
      assertEquals(200, reply.response().status(), reply.response()::toString);
      return CertRepReader.read(reply.response().body(), device().key().getPrivate());
    }
  }

  static Arguments c(String name, Exchange exchange, Answer expected) {
    return Arguments.of(name, exchange, expected);
  }

  static byte[] random(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  static String[] manyNames(int count) {
    String[] names = new String[count];
    for (int i = 0; i < count; i++) {
      names[i] = "host-" + i + ".example.test";
    }
    return names;
  }

  record RawResponse(int status, String head, String body) {}

  String path(String relative) {
    return Deployments.loopback(base).getPath() + relative;
  }

  /** POST to scep?operation=PKIOperation with one extra header, sending {@code body} and then nothing more. */
  RawResponse raw(String header, byte[] body) throws IOException {
    return rawRequest("POST " + path("scep?operation=PKIOperation") + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: " + PKI_MESSAGE + "\r\n" + header + "\r\n\r\n", body);
  }

  /** Sends the request head and body over a plain socket to 127.0.0.1 and reads the answer, whatever it is. */
  RawResponse rawRequest(String head, byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // the server may answer and close before taking it all
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      try {
        in.transferTo(received);
      } catch (IOException e) {
        // a reset after the answer: keep what arrived
      }
      String text = received.toString(StandardCharsets.ISO_8859_1);
      int split = text.indexOf("\r\n\r\n");
      String responseHead = split < 0 ? text : text.substring(0, split);
      String responseBody = split < 0 ? "" : text.substring(split + 4);
      int status = responseHead.startsWith("HTTP/1.1 ") ? Integer.parseInt(responseHead.substring(9, 12)) : -1;
      return new RawResponse(status, responseHead, responseBody);
    }
  }
}
