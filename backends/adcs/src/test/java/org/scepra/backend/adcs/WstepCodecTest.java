package org.scepra.backend.adcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scepra.testkit.MapConfig;
import org.w3c.dom.Element;

/**
 * The [MS-WSTEP] codec against messages shaped as the specification shows them
 * ({@code adcs-samples/*.xml}: each file says which section it follows) and against what it must
 * refuse.
 */
class WstepCodecTest {

  static final String RELATES_TO = "urn:uuid:b5d1a601-5091-4a7d-b34b-5204c18b5919";
  static final URI CES = URI.create("https://ca.contoso.test/ContosoIssuingCA_CES_UsernamePassword/service.svc/CES");
  static final CesPki PKI = new CesPki();

  static String sample(String name) throws Exception {
    try (InputStream in = WstepCodecTest.class.getResourceAsStream("/adcs-samples/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String crlfBase64(byte[] der) {
    return Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
  }

  @Test
  void issuedAnswerGivesTheCertificateAndTheChainInIssuerOrder() throws Exception {
    KeyPair device = CesPki.keys(2048);
    X509Certificate leaf = PKI.issue(new X500Name("CN=device"), device.getPublic(), KeyUsage.digitalSignature,
        List.of(), null);
    // the CMC response lists the root before the issuing CA: the order must come from the names and signatures
    byte[] cmc = new CmcResponses(PKI).success(List.of(PKI.root, leaf, PKI.issuing), 61);
    String xml = sample("issued.xml").replace("@CMC@", crlfBase64(cmc))
        .replace("@CERTIFICATE@", crlfBase64(leaf.getEncoded()));
    CesAnswer.Issued issued = assertInstanceOf(CesAnswer.Issued.class,
        WstepResponses.parse(xml.getBytes(StandardCharsets.UTF_8), RELATES_TO));
    assertEquals(leaf, issued.certificate());
    assertEquals(List.of(PKI.issuing, PKI.root), issued.chain());
    assertEquals("61", issued.requestId());
  }

  @Test
  void pendingAnswerGivesTheRequestId() throws Exception {
    CesAnswer answer = WstepResponses.parse(sample("pending.xml").getBytes(StandardCharsets.UTF_8), RELATES_TO);
    assertEquals(new CesAnswer.Pending("65", "Taken Under Submission"), answer);
  }

  @Test
  void faultWithDetailGivesTheHresult() throws Exception {
    CesAnswer.Fault fault = assertInstanceOf(CesAnswer.Fault.class,
        WstepResponses.parse(sample("fault-template-denied.xml").getBytes(StandardCharsets.UTF_8), RELATES_TO));
    assertEquals(Optional.of(Hresults.CERTSRV_E_TEMPLATE_DENIED), fault.errorCode());
    assertEquals(Optional.of("0x80094012"), fault.hresult());
    assertTrue(fault.invalidRequest());
    assertEquals(Optional.empty(), fault.requestId(), "xsi:nil");
    assertEquals(Hresults.NOT_AUTHORIZED + " (AD CS 0x80094012)", Hresults.rejected(fault).message());
  }

  @Test
  void faultWithoutDetailHasNoHresult() throws Exception {
    CesAnswer.Fault fault = assertInstanceOf(CesAnswer.Fault.class, WstepResponses.parse(
        sample("fault-internal.xml").getBytes(StandardCharsets.UTF_8), "urn:uuid:ce330bb2-0ca2-473b-a29a-19e9264666ff"));
    assertEquals(Optional.empty(), fault.errorCode());
    assertEquals("s:Receiver/a:InternalServiceFault", fault.code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"other-relates-to", "doctype", "soap11", "two-responses", "certificate-as-pkcs7", "no-id"})
  void refusesWhatIsNotAnAnswerToThisRequest(String variant) throws Exception {
    String pending = sample("pending.xml");
    String xml = switch (variant) {
      case "other-relates-to" -> pending.replace(RELATES_TO, "urn:uuid:00000000-0000-0000-0000-000000000000");
      case "doctype" -> "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + pending.replace("65", "&e;");
      case "soap11" -> pending.replace("http://www.w3.org/2003/05/soap-envelope",
          "http://schemas.xmlsoap.org/soap/envelope/");
      case "two-responses" -> pending.replace("</RequestSecurityTokenResponse>",
          "</RequestSecurityTokenResponse><RequestSecurityTokenResponse/>");
      case "certificate-as-pkcs7" -> sample("issued.xml").replace("@CMC@", "").replace("@CERTIFICATE@",
          crlfBase64(PKI.issuing.getEncoded())).replace("x509-token-profile-1.0#X509v3\" Enc",
          "wssecurity-secext-1.0.xsd#PKCS7\" Enc");
      case "no-id" -> pending.replace(
          "<RequestID xmlns=\"http://schemas.microsoft.com/windows/pki/2009/01/enrollment\">65</RequestID>", "");
      default -> throw new IllegalArgumentException(variant);
    };
    assertThrows(CesCallException.class, () -> WstepResponses.parse(xml.getBytes(StandardCharsets.UTF_8), RELATES_TO));
  }

  @Test
  void issueRequestHasTheShapeOfTheSpecificationsExample() throws Exception {
    byte[] csr = TestCsrs.csr(CesPki.keys(2048), "CN=device").getEncoded();
    MapConfig config = new MapConfig(Map.of("scepra.endpoint.a.adcs.url", CES.toString(),
        "scepra.endpoint.a.adcs.auth", "username", "scepra.endpoint.a.adcs.username", "CONTOSO\\svc-scepra",
        "scepra.endpoint.a.adcs.password", "p4ss", "scepra.endpoint.a.adcs.template", "ScepraGeneralPurpose"));
    AdcsSettings settings = AdcsSettings.from(config, "a");
    WstepRequests.Message message = WstepRequests.issue(CES, CesCredentials.of(config, settings), csr, "Scepra Device");
    Element envelope = SafeXml.parse(message.xml()).getDocumentElement();
    Element header = Dom.child(envelope, Wstep.SOAP, "Header").orElseThrow();
    assertEquals(Wstep.ACTION, header(header, Wstep.ADDRESSING, "Action"));
    assertEquals("1", Dom.child(header, Wstep.ADDRESSING, "Action").orElseThrow().getAttributeNS(Wstep.SOAP,
        "mustUnderstand"));
    assertEquals(message.messageId(), header(header, Wstep.ADDRESSING, "MessageID"));
    assertTrue(message.messageId().matches("urn:uuid:[0-9a-f-]{36}"));
    assertEquals(Wstep.ANONYMOUS, Dom.text(Dom.child(header, Wstep.ADDRESSING, "ReplyTo")
        .flatMap(r -> Dom.child(r, Wstep.ADDRESSING, "Address"))).orElseThrow());
    assertEquals(CES.toString(), header(header, Wstep.ADDRESSING, "To"));
    Element token = Dom.child(header, Wstep.SECEXT, "Security")
        .flatMap(s -> Dom.child(s, Wstep.SECEXT, "UsernameToken")).orElseThrow();
    assertEquals("CONTOSO\\svc-scepra", Dom.text(Dom.child(token, Wstep.SECEXT, "Username")).orElseThrow());
    assertEquals(Wstep.PASSWORD_TEXT, Dom.child(token, Wstep.SECEXT, "Password").orElseThrow().getAttribute("Type"));

    Element rst = Dom.child(Dom.child(envelope, Wstep.SOAP, "Body").orElseThrow(), Wstep.TRUST,
        "RequestSecurityToken").orElseThrow();
    assertEquals(Wstep.TOKEN_TYPE, Dom.text(Dom.child(rst, Wstep.TRUST, "TokenType")).orElseThrow());
    assertEquals(Wstep.ISSUE, Dom.text(Dom.child(rst, Wstep.TRUST, "RequestType")).orElseThrow());
    Element binary = Dom.child(rst, Wstep.SECEXT, "BinarySecurityToken").orElseThrow();
    assertEquals(Wstep.PKCS10, binary.getAttribute("ValueType"));
    assertEquals(Wstep.BASE64, binary.getAttribute("EncodingType"));
    assertArrayEquals(csr, Base64.getDecoder().decode(binary.getTextContent()));
    Element item = Dom.child(rst, Wstep.AUTHORIZATION, "AdditionalContext")
        .flatMap(c -> Dom.child(c, Wstep.AUTHORIZATION, "ContextItem")).orElseThrow();
    assertEquals("CertificateTemplate", item.getAttribute("Name"));
    assertEquals("Scepra Device", Dom.text(Dom.child(item, Wstep.AUTHORIZATION, "Value")).orElseThrow());
  }

  @Test
  void queryTokenStatusCarriesTheRequestIdAndNoCredentialWithClientCertificates() throws Exception {
    WstepRequests.Message message = WstepRequests.queryTokenStatus(CES, Optional.empty(), "65");
    Element envelope = SafeXml.parse(message.xml()).getDocumentElement();
    Element header = Dom.child(envelope, Wstep.SOAP, "Header").orElseThrow();
    assertFalse(Dom.child(header, Wstep.SECEXT, "Security").isPresent());
    Element rst = Dom.child(Dom.child(envelope, Wstep.SOAP, "Body").orElseThrow(), Wstep.TRUST,
        "RequestSecurityToken").orElseThrow();
    assertEquals(Wstep.QUERY_TOKEN_STATUS, Dom.text(Dom.child(rst, Wstep.TRUST, "RequestType")).orElseThrow());
    assertEquals("65", Dom.text(Dom.child(rst, Wstep.ENROLLMENT, "RequestID")).orElseThrow());
    assertFalse(Dom.child(rst, Wstep.SECEXT, "BinarySecurityToken").isPresent());
  }

  private static String header(Element header, String namespace, String name) {
    return Dom.text(Dom.child(header, namespace, name)).orElseThrow();
  }
}
