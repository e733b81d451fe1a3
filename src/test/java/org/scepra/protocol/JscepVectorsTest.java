package org.scepra.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.scepra.testkit.TestPki.RaFixture;

/**
 * The request messages jscep published (cited by RFC 8894). Their CA key is not public, so they
 * prove parsing, attribute reading and signature verification, not decryption.
 */
class JscepVectorsTest {
  static final Path VECTORS = Path.of("..", "shared", "vectors", "jscep-samples");

  static byte[] vector(String name) throws Exception {
    Path path = VECTORS.resolve(name);
    if (!Files.exists(path)) {
      path = Path.of(System.getProperty("user.dir")).getParent().resolve("shared/vectors/jscep-samples").resolve(name);
    }
    return Files.readAllBytes(path);
  }

  static PkiMessageDecoder decoderWithForeignKey() throws Exception {
    RaFixture ra = RaFixture.create();
    return new PkiMessageDecoder(new AlgorithmPolicy(false), List.of(new RaDecryptionKey(
        new X509CertificateHolder(ra.encryptionCert().getEncoded()),
        new JceKeyTransEnvelopedRecipient(ra.encryptionKey().getPrivate()))));
  }

  @Test
  void signedRequestVerifiesAndCarriesItsAttributes() throws Exception {
    ScepFailureException failure = assertThrows(ScepFailureException.class,
        () -> decoderWithForeignKey().decode(vector("scep_req2.der")));
    // Getting as far as the envelope proves the signature, algorithms and attributes were accepted.
    assertEquals(FailInfo.BAD_MESSAGE_CHECK, failure.failInfo());
    assertTrue(failure.getMessage().contains("not encrypted to this RA"), failure.getMessage());
    RequestHeader header = failure.header();
    assertEquals(MessageType.PKCS_REQ, header.messageType().orElseThrow());
    assertEquals("7XXEY-ERLPU-2JDR9", header.transactionId().value());
    assertEquals("e8c57d516909026f3463f8e907fc9856", HexFormat.of().formatHex(header.senderNonce().bytes()));
    assertEquals("C=NZ,O=Dave's Wetaburgers,OU=Procurement,CN=Test SCEP PKI user",
        header.signerCertificate().orElseThrow().getSubject().toString());
  }

  @Test
  void tamperedVectorFailsItsSignatureCheck() throws Exception {
    byte[] message = vector("scep_req2.der");
    message[200] ^= 0x01; // inside the encapsulated EnvelopedData: the messageDigest no longer matches
    assertEquals(FailInfo.BAD_MESSAGE_CHECK,
        assertThrows(ScepFailureException.class, () -> decoderWithForeignKey().decode(message)).failInfo());
  }

  @Test
  void innermostRequestIsACsrWithItsChallenge() throws Exception {
    PKCS10CertificationRequest csr = new PKCS10CertificationRequest(vector("scep_req0.der"));
    assertTrue(csr.getSubject().toString().contains("CN=Test SCEP PKI user"), csr.getSubject().toString());
    assertTrue(CsrAttributes.challengePassword(csr).isPresent());
  }
}
