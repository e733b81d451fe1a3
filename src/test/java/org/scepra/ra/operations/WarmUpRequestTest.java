package org.scepra.ra.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.junit.jupiter.api.Test;
import org.scepra.protocol.AlgorithmPolicy;
import org.scepra.protocol.MessageType;
import org.scepra.protocol.PkiMessage;
import org.scepra.protocol.PkiMessageDecoder;
import org.scepra.protocol.PkiRequest;
import org.scepra.protocol.RaDecryptionKey;
import org.scepra.testkit.TestPki.RaFixture;

/** The start-up warm-up's made-up PKCSReq takes the path a device's does: it must decode as one. */
class WarmUpRequestTest {

  @Test
  void decodesAsAnAesPkcsReqFromItsRequester() throws Exception {
    RaFixture ra = RaFixture.create();
    WarmUpRequest.Requester requester = WarmUpRequest.requester();
    WarmUpRequest request = WarmUpRequest.to(ra.encryptionCert(), requester);
    PkiRequest decoded = new PkiMessageDecoder(new AlgorithmPolicy(false), List.of(new RaDecryptionKey(
        new X509CertificateHolder(ra.encryptionCert().getEncoded()),
        new JceKeyTransEnvelopedRecipient(ra.encryptionKey().getPrivate())))).decode(request.message());
    assertEquals(MessageType.PKCS_REQ, decoded.header().messageType().orElseThrow());
    assertEquals(CMSAlgorithm.AES128_CBC, decoded.contentEncryption());
    assertEquals("CN=scepra start-up warm-up",
        assertInstanceOf(PkiMessage.PkcsReq.class, decoded.message()).csr().getSubject().toString());
    assertEquals(new X509CertificateHolder(requester.certificate().getEncoded()),
        decoded.header().signerCertificate().orElseThrow());
  }
}
