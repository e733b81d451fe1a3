package org.scepra.backend.ejbca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPMessage;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The backend's decoders read what real EJBCA sent (the captures), not only what the double sends. */
class CapturesDecodingTest {

  @Test
  void certificatesAreBase64TwiceWithLineBreaksInside() throws Exception {
    byte[] inner = Base64.getDecoder().decode(text("pkcs10-ok.xml", "data"));
    assertTrue(new String(inner, StandardCharsets.US_ASCII).contains("\n"));
    assertThrows(IllegalArgumentException.class, () -> Base64.getDecoder().decode(inner), "a strict decoder fails");

    X509Certificate certificate = CertificateCodec.certificate(inner);

    assertEquals("CN=dev1", certificate.getSubjectX500Principal().getName());
  }

  @Test
  void caChainAndCrlDecode() throws Exception {
    X509Certificate ca = CertificateCodec.certificate(Base64.getDecoder().decode(text("getLastCAChain.xml", "certificateData")));
    assertEquals("O=Probe,CN=ManagementCA", ca.getSubjectX500Principal().getName());

    var crl = CertificateCodec.crl(Base64.getDecoder().decode(text("getLatestCRL.xml", "return")));
    crl.verify(ca.getPublicKey());
  }

  @ParameterizedTest
  @CsvSource({
    "editUser-badEEP.xml, EjbcaException, EE_PROFILE_NOT_EXISTS, CA_REFUSED",
    "editUser-unknownCA.xml, CADoesntExistsException, CA_NOT_EXISTS, CA_REFUSED",
    "editUser-noclientcert.xml, AuthorizationDeniedException, '', CA_REFUSED",
    "getLastCAChain-noca.xml, CADoesntExistsException, CA_NOT_EXISTS, CA_REFUSED",
    "pkcs10-again.xml, EjbcaException, USER_WRONG_STATUS, NOT_COMPLETED",
    "pkcs10-badpwd.xml, EjbcaException, LOGIN_ERROR, NOT_COMPLETED",
    "pkcs10-nouser.xml, NotFoundException, '', NOT_COMPLETED",
    "revoke-again.xml, AlreadyRevokedException, ALREADY_REVOKED, NOT_COMPLETED",
    "revoke-unknownserial.xml, NotFoundException, '', NOT_COMPLETED"
  })
  void capturedFaultsAreReadAndMapped(String capture, String exception, String errorCode, String rejected) throws Exception {
    EjbcaFault fault = FaultParser.parse(fault(capture));

    assertEquals(exception, fault.exception());
    assertEquals(errorCode, fault.errorCode());
    assertEquals(OptionalInt.empty(), fault.requestId());
    assertEquals(FaultMapping.class.getDeclaredField(rejected).get(null),
        FaultMapping.rejected(EjbcaCallException.fault("op", fault)));
  }

  @Test
  void theFailureLogLineKeepsEjbcasErrorCode() throws Exception {
    EjbcaCallException failure = EjbcaCallException.fault("pkcs10Request", FaultParser.parse(fault("pkcs10-badpwd.xml")));

    assertEquals("EJBCA call failed: endpoint=lab transaction=tx-1 operation=pkcs10Request "
        + "errorCode=EjbcaException/LOGIN_ERROR detail=Got request for user with invalid password: dev1.",
        EjbcaLog.failure("lab", "tx-1", failure));
  }

  private static SOAPFaultException fault(String capture) throws Exception {
    SOAPMessage message = MessageFactory.newInstance().createMessage(null,
        new ByteArrayInputStream(RawSoap.capture(capture).getBytes(StandardCharsets.UTF_8)));
    return new SOAPFaultException(message.getSOAPBody().getFault());
  }

  private static String text(String capture, String element) throws Exception {
    return SoapShape.parse(RawSoap.capture(capture)).getElementsByTagName(element).item(0).getTextContent();
  }
}
