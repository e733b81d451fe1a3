package org.scepra.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.scepra.testkit.HostileMessages.challenge;
import static org.scepra.testkit.HostileMessages.dnsSan;
import static org.scepra.testkit.HostileMessages.extension;
import static org.scepra.testkit.HostileMessages.extensionRequest;
import static org.scepra.testkit.HostileMessages.rawExtension;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.HostileMessages;
import org.scepra.testkit.HostileMessages.Signing;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.ScepTestClient.Options;
import org.scepra.testkit.TestPki;
import org.scepra.testkit.TestPki.RaFixture;

/**
 * The hostile-input catalogue at the protocol level: every case and the exact answer it gets. An
 * HTTP 400 (the web layer's answer to {@link MalformedMessageException}) when there is nothing to
 * address a CertRep to; a CertRep FAILURE (a {@link ScepFailureException}) with its failInfo and
 * failInfoText when the request is decodable but wrong; a decoded request when it is legal but odd
 * (the RA decides on those, see HostileInputIT). Nothing else may ever come out of the decoder.
 */
class HostileInputTest {

  /** What the decoder must answer. */
  sealed interface Answer {}

  /** HTTP 400 with this plain reason. */
  record Http400(String reason) implements Answer {}

  /** CertRep FAILURE with this failInfo and failInfoText. */
  record Failure(FailInfo failInfo, String text) implements Answer {}

  /** Decoded: the RA gets the request. */
  record Decoded(MessageType type) implements Answer {}

  static RaFixture ra;
  static KeyPair device;
  static X509Certificate deviceCert;
  static KeyPair other;
  static X509Certificate otherRa;
  static PkiMessageDecoder decoder;

  @BeforeAll
  static void setUp() throws Exception {
    ra = RaFixture.create();
    device = TestPki.rsa(2048);
    deviceCert = TestPki.selfSigned(device, "CN=device-1");
    other = TestPki.rsa(2048);
    otherRa = TestPki.selfSigned(other, "CN=Other RA");
    decoder = PkiMessageDecoderTest.decoderFor(ra, false);
  }

  static Stream<Arguments> catalogue() {
    return Stream.of(
        // ---- not a pkiMessage at all: HTTP 400
        c("empty input", () -> new byte[0], new Http400("empty message")),
        c("ASCII text", () -> "hello, SCEP".getBytes(), new Http400("message is not a CMS SignedData")),
        c("random bytes", () -> random(4096), new Http400("message is not a CMS SignedData")),
        c("truncated DER", () -> java.util.Arrays.copyOf(pkcsReq(opts()), 300),
            new Http400("message is not a CMS SignedData")),
        c("EnvelopedData instead of SignedData", () -> envelope(csr().getEncoded(), ra.encryptionCert()),
            new Http400("message is not a CMS SignedData")),
        c("20,000 nested indefinite SEQUENCEs", () -> HostileMessages.nestedIndefinite(20_000),
            new Http400("message is nested too deeply")),
        c("20,000 nested definite SEQUENCEs", () -> HostileMessages.nestedDefinite(20_000),
            new Http400("message is nested too deeply")),
        c("valid message followed by 20,000 nested SEQUENCEs",
            () -> HostileMessages.concat(pkcsReq(opts()), HostileMessages.nestedIndefinite(20_000)),
            new Http400("message is nested too deeply")),
        c("certificate set holding a non-certificate", () -> HostileMessages.withCertificateSet(pkcsReq(opts()),
            new DERSequence(new ASN1Integer(1))), new Http400("message has a malformed signer or certificate")),
        c("certs-only SignedData (no signer)", () -> HostileMessages.degenerate(deviceCert),
            new Http400("message must have exactly one signer")),
        c("two signers", () -> HostileMessages.signed(envelopedCsr(), signing(), signing()),
            new Http400("message must have exactly one signer")),
        c("no signed attributes", () -> HostileMessages.signed(envelopedCsr(), signing().withoutSignedAttributes()),
            new Http400("message has no signed attributes")),
        c("transactionID missing", () -> withAttributes(new DERPrintableString("19"), null, nonce(16)),
            new Http400("transactionID is missing")),
        c("transactionID an INTEGER", () -> withAttributes(new DERPrintableString("19"), new ASN1Integer(7), nonce(16)),
            new Http400("transactionID is missing")),
        c("transactionID of 129 characters", () -> pkcsReq(opts().transactionId("t".repeat(129))),
            new Http400("transactionID is malformed")),
        c("transactionID with a line break", () -> pkcsReq(opts().transactionId("tx\nforged")),
            new Http400("transactionID is malformed")),
        c("transactionID empty", () -> pkcsReq(opts().transactionId("")), new Http400("transactionID is malformed")),
        c("senderNonce missing", () -> pkcsReq(opts().senderNonce(null)), new Http400("senderNonce is missing")),
        c("senderNonce a PrintableString",
            () -> withAttributes(new DERPrintableString("19"), new DERPrintableString("tx-1"),
                new DERPrintableString("0123456789abcdef")),
            new Http400("senderNonce is not an OCTET STRING")),

        // ---- addressable but wrong: CertRep FAILURE
        c("messageType missing", () -> pkcsReq(opts().messageType((String) null)),
            new Failure(FailInfo.BAD_REQUEST, "unsupported messageType")),
        c("messageType 99", () -> pkcsReq(opts().messageType("99")),
            new Failure(FailInfo.BAD_REQUEST, "unsupported messageType")),
        c("messageType not a number", () -> pkcsReq(opts().messageType("PKCSReq")),
            new Failure(FailInfo.BAD_REQUEST, "unsupported messageType")),
        c("messageType 3 (a CertRep sent back)", () -> pkcsReq(opts().messageType("3")),
            new Failure(FailInfo.BAD_REQUEST, "CertRep is not a request")),
        c("signature corrupted", () -> HostileMessages.flipSignature(pkcsReq(opts())),
            new Failure(FailInfo.BAD_MESSAGE_CHECK, "the request signature does not verify")),
        c("content tampered after signing", () -> HostileMessages.tamperContent(pkcsReq(opts())),
            new Failure(FailInfo.BAD_MESSAGE_CHECK, "the request signature does not verify")),
        c("signer certificate missing", () -> HostileMessages.signed(envelopedCsr(), signing().certificates(List.of())),
            new Failure(FailInfo.BAD_MESSAGE_CHECK, "the signer certificate is missing")),
        c("signer certificate replaced by another",
            () -> HostileMessages.signed(envelopedCsr(), signing().certificates(List.of(otherRa))),
            new Failure(FailInfo.BAD_MESSAGE_CHECK, "the signer certificate is missing")),
        c("signer certificate with the right name but another key",
            () -> HostileMessages.signed(envelopedCsr(), new Signing(other, deviceCert, "SHA256",
                signing().attributes(), List.of(deviceCert), true, true, null)),
            new Failure(FailInfo.BAD_MESSAGE_CHECK, "the request signature does not verify")),
        c("signer found by a malformed subjectKeyIdentifier", () -> {
          X509Certificate broken = HostileMessages.selfSignedWithRawExtension(device, "CN=device-1",
              Extension.subjectKeyIdentifier, new byte[] {0x04, 0x09, 0x01});
          return HostileMessages.signed(envelopedCsr(),
              signing().certificates(List.of(broken)).bySubjectKeyId(new byte[] {1, 2, 3, 4}));
        }, new Failure(FailInfo.BAD_MESSAGE_CHECK, "the signer certificate is missing")),
        c("MD5 digest without legacy", () -> pkcsReq(opts().digest("MD5")),
            new Failure(FailInfo.BAD_ALG, "digest algorithm 1.2.840.113549.2.5 is not accepted")),
        c("unknown digest algorithm", () -> HostileMessages.withDigestAlgorithm(pkcsReq(opts()),
            new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.3.4")),
            new Failure(FailInfo.BAD_ALG, "digest algorithm 1.2.3.4 is not accepted")),
        c("digest algorithm OID of 300 characters", () -> HostileMessages.withDigestAlgorithm(pkcsReq(opts()),
            new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2" + ".99".repeat(100))),
            new Failure(FailInfo.BAD_ALG, "digest algorithm (unknown) is not accepted")),
        c("single DES without legacy", () -> pkcsReq(opts().cipher(CMSAlgorithm.DES_CBC)),
            new Failure(FailInfo.BAD_ALG, "content encryption algorithm 1.3.14.3.2.7 is not accepted")),
        c("RC2", () -> pkcsReq(opts().cipher(CMSAlgorithm.RC2_CBC)),
            new Failure(FailInfo.BAD_ALG, "content encryption algorithm 1.2.840.113549.3.2 is not accepted")),
        c("envelope for another recipient",
            () -> ScepTestClient.pkiMessage(csr().getEncoded(), otherRa, device, deviceCert, opts()),
            new Failure(FailInfo.BAD_MESSAGE_CHECK, "the request is not encrypted to this RA's encryption certificate")),
        c("ciphertext corrupted",
            () -> HostileMessages.signed(HostileMessages.corruptCiphertext(envelopedCsr()), signing()),
            new Failure(FailInfo.BAD_MESSAGE_CHECK, "the request could not be decrypted")),
        c("not encrypted", () -> HostileMessages.signed(csr().getEncoded(), signing()),
            new Failure(FailInfo.BAD_MESSAGE_CHECK, "the request content is not an EnvelopedData")),
        c("detached signature, no content", () -> HostileMessages.signed(envelopedCsr(), signing().detached()),
            new Failure(FailInfo.BAD_MESSAGE_CHECK, "the request signature does not verify")),
        c("inner content not a CSR", () -> pkcsReqWith(new ASN1Integer(5).getEncoded()),
            new Failure(FailInfo.BAD_REQUEST, "the request content is not a PKCS#10 CSR")),
        c("inner content 20,000 nested SEQUENCEs", () -> pkcsReqWith(HostileMessages.nestedIndefinite(20_000)),
            new Failure(FailInfo.BAD_REQUEST, "the request content is nested too deeply")),
        c("CSR with a broken self-signature", () -> pkcsReqWith(HostileMessages.brokenSignature(csr())),
            new Failure(FailInfo.BAD_MESSAGE_CHECK, "the CSR's self-signature does not verify (no proof of possession)")),
        c("CSR signed with MD5", () -> pkcsReqWith(Csrs.signedWith("MD5withRSA", device, "CN=device-1", "secret")
            .getEncoded()), new Failure(FailInfo.BAD_ALG, "the CSR's signature algorithm is not accepted")),
        c("CSR with two extensionRequest attributes (SAN smuggling)",
            () -> pkcsReqWith(HostileMessages.csr(device, "CN=device-1", challenge("secret"),
                extensionRequest(dnsSan("ok.example.test")), extensionRequest(dnsSan("victim.example.com")))
                .getEncoded()),
            malformedExtensions()),
        c("CSR with an extensionRequest of two values",
            () -> pkcsReqWith(HostileMessages.csr(device, "CN=device-1", challenge("secret"),
                HostileMessages.extensionRequestValues(dnsSan("victim.example.com"), dnsSan("ok.example.test")))
                .getEncoded()),
            malformedExtensions()),
        c("CSR with a repeated subjectAltName extension",
            () -> pkcsReqWith(HostileMessages.csr(device, "CN=device-1", challenge("secret"),
                extensionRequest(dnsSan("ok.example.test"), dnsSan("victim.example.com"))).getEncoded()),
            malformedExtensions()),
        c("CSR with a subjectAltName that is not DER",
            () -> pkcsReqWith(csrWith(rawExtension(Extension.subjectAlternativeName, new byte[] {0x30, 0x05, 0x01}))),
            malformedExtensions()),
        c("CSR with a subjectAltName that is not GeneralNames",
            () -> pkcsReqWith(csrWith(extension(Extension.subjectAlternativeName, new DERUTF8String("x")))),
            malformedExtensions()),
        c("CSR with an empty otherName",
            () -> pkcsReqWith(csrWith(extension(Extension.subjectAlternativeName,
                new GeneralNames(new GeneralName(GeneralName.otherName, new DERSequence()))))),
            malformedExtensions()),
        c("CSR with a keyUsage that is not a BIT STRING",
            () -> pkcsReqWith(csrWith(extension(Extension.keyUsage, new DERUTF8String("everything")))),
            malformedExtensions()),
        c("CSR with an extension value of 20,000 nested SEQUENCEs",
            () -> pkcsReqWith(csrWith(rawExtension(Extension.certificatePolicies,
                HostileMessages.nestedIndefinite(20_000)))),
            new Failure(FailInfo.BAD_REQUEST, "the request content is nested too deeply")),
        c("CertPoll whose IssuerAndSubject has three names",
            () -> message(new DERSequence(new X500Name[] {new X500Name("CN=a"), new X500Name("CN=b"),
                new X500Name("CN=c")}).getEncoded(), opts().messageType(MessageType.CERT_POLL)),
            new Failure(FailInfo.BAD_REQUEST, "the request content is not an IssuerAndSubject")),
        c("GetCert carrying a CSR", () -> message(csr().getEncoded(), opts().messageType(MessageType.GET_CERT)),
            new Failure(FailInfo.BAD_REQUEST, "the request content is not an IssuerAndSerialNumber")),
        c("GetCRL carrying random bytes", () -> message(random(64), opts().messageType(MessageType.GET_CRL)),
            new Failure(FailInfo.BAD_REQUEST, "the request content is not an IssuerAndSerialNumber")),

        // ---- legal but odd: decoded, the RA decides
        c("trailing garbage after the SignedData", () -> HostileMessages.concat(pkcsReq(opts()), random(100)),
            new Decoded(MessageType.PKCS_REQ)),
        c("BER, indefinite lengths, chunked octets, AES-256, SHA-512",
            () -> pkcsReq(opts().cipher(CMSAlgorithm.AES256_CBC).digest("SHA512").chunked()),
            new Decoded(MessageType.PKCS_REQ)),
        c("transactionID a UTF8String", () -> withAttributes(new DERPrintableString("19"), new DERUTF8String("tx-1"),
            nonce(16)), new Decoded(MessageType.PKCS_REQ)),
        c("messageType with spaces", () -> pkcsReq(opts().messageType(" 19 ")), new Decoded(MessageType.PKCS_REQ)),
        c("senderNonce of 8 bytes", () -> pkcsReq(opts().senderNonce(new byte[8])), new Decoded(MessageType.PKCS_REQ)),
        c("senderNonce of 64 bytes", () -> pkcsReq(opts().senderNonce(new byte[64])), new Decoded(MessageType.PKCS_REQ)),
        c("senderNonce of 0 bytes", () -> pkcsReq(opts().senderNonce(new byte[0])),
            new Failure(FailInfo.BAD_REQUEST, "senderNonce is 0 octets; RFC 8894 nonces are 16 (at most 64 accepted)")),
        c("senderNonce of 65 bytes", () -> pkcsReq(opts().senderNonce(new byte[65])),
            new Failure(FailInfo.BAD_REQUEST, "senderNonce is 65 octets; RFC 8894 nonces are 16 (at most 64 accepted)")),
        c("senderNonce of 4 KiB", () -> pkcsReq(opts().senderNonce(new byte[4096])),
            new Failure(FailInfo.BAD_REQUEST, "senderNonce is 4096 octets; RFC 8894 nonces are 16 (at most 64 accepted)")),
        c("CSR without subject", () -> pkcsReqWith(Csrs.csr(device, "", "secret").getEncoded()),
            new Decoded(MessageType.PKCS_REQ)),
        c("CSR with a 2,000-character CN", () -> pkcsReqWith(Csrs.csr(device, "CN=" + "a".repeat(2_000), "secret")
            .getEncoded()), new Decoded(MessageType.PKCS_REQ)),
        c("CSR with a 10,000-character CN", () -> pkcsReqWith(Csrs.csr(device, "CN=" + "a".repeat(10_000), "secret")
            .getEncoded()), tooLarge()),
        c("CSR of 40 KB (1,500 subjectAltNames)", () -> pkcsReqWith(Csrs.csr(device, "CN=device-1", "secret",
            java.util.stream.IntStream.range(0, 1500).mapToObj(i -> "host-" + i + ".example.test")
                .toArray(String[]::new)).getEncoded()), tooLarge()),
        c("CSR with a CN of ../../x", () -> pkcsReqWith(Csrs.csr(device, "CN=../../x", "secret").getEncoded()),
            new Decoded(MessageType.PKCS_REQ)),
        c("CSR with a 64 KiB challenge", () -> pkcsReqWith(Csrs.csr(device, "CN=device-1", "c".repeat(65_536))
            .getEncoded()), tooLarge()),
        c("CSR with a 4 KiB challenge (Intune-sized)", () -> pkcsReqWith(Csrs.csr(device, "CN=device-1",
            "c".repeat(4096)).getEncoded()), new Decoded(MessageType.PKCS_REQ)),
        c("CSR with SAN, keyUsage and an unknown extension",
            () -> pkcsReqWith(csrWith(dnsSan("a.example.test", "b.example.test"),
                extension(Extension.keyUsage, new KeyUsage(KeyUsage.digitalSignature)),
                rawExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"),
                    new DEROctetString(new byte[3]).getEncoded()))),
            new Decoded(MessageType.PKCS_REQ)),
        c("jscep's published CSR (scep_req0.der)", () -> pkcsReqWith(JscepVectorsTest.vector("scep_req0.der")),
            new Decoded(MessageType.PKCS_REQ)),
        c("GetCert for a serial nobody issued",
            () -> message(new IssuerAndSerialNumber(new X500Name("CN=Nobody"), java.math.BigInteger.TEN).getEncoded(),
                opts().messageType(MessageType.GET_CERT)),
            new Decoded(MessageType.GET_CERT)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void answersExactly(String name, ThrowingSupplier message, Answer expected) throws Exception {
    byte[] input = message.get();
    Answer actual;
    try {
      actual = new Decoded(decoder.decode(input).message().type());
    } catch (MalformedMessageException e) {
      actual = new Http400(e.getMessage());
    } catch (ScepFailureException e) {
      actual = new Failure(e.failInfo(), e.getMessage());
    } catch (RuntimeException | Error e) {
      fail(name + ": the decoder threw " + e, e);
      return;
    }
    assertEquals(expected, actual, name);
    if (!(actual instanceof Decoded)) {
      String text = actual instanceof Http400 h ? h.reason() : ((Failure) actual).text();
      assertTrue(text.length() < 100, "a short reason: " + text);
      assertFalse(text.contains("Exception") || text.contains("\n") || text.contains("device-1"),
          "no exception names, no request data: " + text);
    }
  }

  /** Builds a case's input; may throw while building. */
  interface ThrowingSupplier {
    byte[] get() throws Exception;
  }

  static Arguments c(String name, ThrowingSupplier message, Answer expected) {
    return Arguments.of(name, message, expected);
  }

  static Failure tooLarge() {
    return new Failure(FailInfo.BAD_REQUEST, "the CSR is larger than 10000 bytes");
  }

  static Failure malformedExtensions() {
    return new Failure(FailInfo.BAD_REQUEST, "the CSR's requested extensions are malformed");
  }

  static Options opts() {
    return Options.defaults("tx-hostile");
  }

  static Signing signing() {
    return Signing.normal(device, deviceCert, "19", "tx-hostile");
  }

  static PKCS10CertificationRequest csr() {
    return Csrs.csr(device, "CN=device-1", "secret");
  }

  static byte[] csrWith(Extension... extensions) throws Exception {
    return HostileMessages.csr(device, "CN=device-1", challenge("secret"), extensionRequest(extensions)).getEncoded();
  }

  static byte[] envelope(byte[] content, X509Certificate recipient) {
    return ScepTestClient.envelope(content, recipient, CMSAlgorithm.AES128_CBC);
  }

  static byte[] envelopedCsr() throws Exception {
    return envelope(csr().getEncoded(), ra.encryptionCert());
  }

  static byte[] pkcsReq(Options options) throws Exception {
    return message(csr().getEncoded(), options);
  }

  static byte[] pkcsReqWith(byte[] content) {
    return message(content, opts());
  }

  static byte[] message(byte[] content, Options options) {
    return ScepTestClient.pkiMessage(content, ra.encryptionCert(), device, deviceCert, options);
  }

  static byte[] withAttributes(org.bouncycastle.asn1.ASN1Encodable type, org.bouncycastle.asn1.ASN1Encodable id,
      org.bouncycastle.asn1.ASN1Encodable nonce) throws Exception {
    return HostileMessages.signed(envelopedCsr(), signing().attributes(HostileMessages.scepAttributes(type, id, nonce)));
  }

  static DEROctetString nonce(int length) {
    return new DEROctetString(new byte[length]);
  }

  static byte[] random(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }
}
