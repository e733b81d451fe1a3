package org.scepra.protocol;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.HostileMessages;
import org.scepra.testkit.ScepTestClient;
import org.scepra.testkit.ScepTestClient.Options;
import org.scepra.testkit.TestPki;

/**
 * Writes the fuzz seed corpora into src/test/resources, where Jazzer's JUnit integration finds them
 * ({@code <TestClass>Inputs/<method>/}): pkiMessages as real clients build them (every accepted
 * cipher and digest, DER and BER chunked, every message type), the jscep sample vectors, a few
 * hostile-catalogue shapes, and GET query strings as clients escape them. Off in normal builds; run
 * {@code mvn test -Dtest=FuzzSeedsWriter -Dscepra.fuzz-seeds=write} (README, Fuzzing), then commit
 * the files. The seeds are encrypted to the fixed key in {@code fuzz-ra.pem}, made once if missing.
 */
@EnabledIfSystemProperty(named = "scepra.fuzz-seeds", matches = "write")
class FuzzSeedsWriter {
  static final Path RESOURCES = Path.of("src", "test", "resources");
  static final Path DECODER_SEEDS = RESOURCES.resolve("org/scepra/protocol/PkiMessageDecoderFuzzTestInputs/decode");
  static final Path QUERY_SEEDS = RESOURCES.resolve("org/scepra/web/scep/ScepParametersFuzzTestInputs/queryString");
  static final Path BASE64_SEEDS =
      RESOURCES.resolve("org/scepra/web/scep/ScepParametersFuzzTestInputs/base64AsClientsSendIt");

  KeyPair device;
  X509Certificate deviceCert;
  X509Certificate ra;

  @Test
  void write() throws Exception {
    Path pem = RESOURCES.resolve("org/scepra/protocol").resolve(FuzzRa.RESOURCE);
    if (!Files.exists(pem)) {
      Files.writeString(pem, FuzzRa.generate(), StandardCharsets.US_ASCII);
    }
    try (var in = Files.newInputStream(pem)) {
      ra = FuzzRa.read(in).certificate();
    }
    device = TestPki.rsa(2048);
    deviceCert = TestPki.selfSigned(device, "CN=fuzz-device");
    writeDecoderSeeds();
    writeParameterSeeds();
  }

  void writeDecoderSeeds() throws Exception {
    byte[] csr = Csrs.csr(device, "CN=fuzz-device", "secret", "fuzz-device.example.test").getEncoded();
    String[][] ciphers = {{"aes128", CMSAlgorithm.AES128_CBC.getId()}, {"aes192", CMSAlgorithm.AES192_CBC.getId()},
        {"aes256", CMSAlgorithm.AES256_CBC.getId()}, {"3des", CMSAlgorithm.DES_EDE3_CBC.getId()}};
    for (String[] cipher : ciphers) {
      for (String digest : new String[] {"SHA1", "SHA256", "SHA512"}) {
        Options options = options().cipher(new org.bouncycastle.asn1.ASN1ObjectIdentifier(cipher[1])).digest(digest);
        String name = "pkcsreq-" + cipher[0] + "-" + digest.toLowerCase();
        seed(DECODER_SEEDS, name + "-der", message(csr, options));
        seed(DECODER_SEEDS, name + "-ber-chunked", message(csr, options.chunked()));
      }
    }
    seed(DECODER_SEEDS, "pkcsreq-des-sha1", message(csr, options().cipher(CMSAlgorithm.DES_CBC).digest("SHA1")));
    seed(DECODER_SEEDS, "pkcsreq-md5", message(csr, options().digest("MD5")));
    seed(DECODER_SEEDS, "renewalreq", message(csr, options().messageType(MessageType.RENEWAL_REQ)));
    seed(DECODER_SEEDS, "pkcsreq-extensions", message(HostileMessages.csr(device, "CN=fuzz-device,O=scepra",
        HostileMessages.challenge("secret"), HostileMessages.extensionRequest(HostileMessages.dnsSan("a.example.test"),
            HostileMessages.extension(Extension.keyUsage, new KeyUsage(KeyUsage.digitalSignature)))).getEncoded(),
        options()));
    X500Name ca = new X500Name("CN=scepra Internal CA");
    seed(DECODER_SEEDS, "certpoll", message(new DERSequence(new ASN1Encodable[] {ca, new X500Name("CN=fuzz-device")})
        .getEncoded(), options().messageType(MessageType.CERT_POLL)));
    byte[] issuerAndSerial = new IssuerAndSerialNumber(ca, BigInteger.valueOf(0x5eed)).getEncoded();
    seed(DECODER_SEEDS, "getcert", message(issuerAndSerial, options().messageType(MessageType.GET_CERT)));
    seed(DECODER_SEEDS, "getcrl", message(issuerAndSerial, options().messageType(MessageType.GET_CRL)));
    var signing = HostileMessages.Signing.normal(device, deviceCert, "19", "fuzz-tx");
    byte[] envelope = ScepTestClient.envelope(csr, ra, CMSAlgorithm.AES128_CBC);
    seed(DECODER_SEEDS, "signer-by-subject-key-id",
        HostileMessages.signed(envelope, signing.bySubjectKeyId(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
    seed(DECODER_SEEDS, "no-signed-attributes", HostileMessages.signed(envelope, signing.withoutSignedAttributes()));
    seed(DECODER_SEEDS, "two-signers", HostileMessages.signed(envelope, signing, signing));
    seed(DECODER_SEEDS, "not-encrypted", HostileMessages.signed(csr, signing));
    seed(DECODER_SEEDS, "certs-only", HostileMessages.degenerate(deviceCert));
    for (String vector : List.of("scep_req0.der", "scep_req1.der", "scep_req2.der", "scep_resp0.der", "scep_resp1.der",
        "scep_resp2.der")) {
      seed(DECODER_SEEDS, "jscep-" + vector.replace(".der", ""), JscepVectorsTest.vector(vector));
    }
  }

  void writeParameterSeeds() throws Exception {
    byte[] message = message(Csrs.csr(device, "CN=fuzz-device", "secret").getEncoded(), options());
    String base64 = Base64.getEncoder().encodeToString(message);
    String prefix = "operation=PKIOperation&message=";
    query("get-escaped", prefix + URLEncoder.encode(base64, StandardCharsets.US_ASCII));
    query("get-unescaped", prefix + base64);
    query("get-plus-as-space", prefix + base64.replace("+", "%20"));
    query("get-line-breaks", prefix + URLEncoder.encode(
        Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(message), StandardCharsets.US_ASCII));
    query("get-base64url", prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(message));
    query("getcacaps", "operation=GetCACaps&message=CAIdentifier");
    query("getcacert", "operation=GetCACert&message=ca");
    query("post", "operation=PKIOperation");
    query("malformed-escapes", "operation=%&message=%4%G1%C3%28&&=&x");
    seed(BASE64_SEEDS, "pkimessage", message);
    seed(BASE64_SEEDS, "plus-slash-bytes", new byte[] {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, 0x3e, 0x3f});
  }

  Options options() {
    return Options.defaults("fuzz-tx");
  }

  byte[] message(byte[] content, Options options) {
    return ScepTestClient.pkiMessage(content, ra, device, deviceCert, options);
  }

  void query(String name, String query) throws IOException {
    seed(QUERY_SEEDS, name, query.getBytes(StandardCharsets.ISO_8859_1));
  }

  static void seed(Path directory, String name, byte[] content) throws IOException {
    Files.createDirectories(directory);
    Files.write(directory.resolve(name), content);
  }
}
