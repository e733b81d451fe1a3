package org.scepra.backend.adcs;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes the CES double's answers in the shapes [MS-WSTEP] shows: the RSTRC of example 4.1.1.2
 * (issued: DispositionMessage "Issued", the CMC full PKI response as #PKCS7, the certificate as
 * X509v3 in RequestedSecurityToken, the RequestID), the pending RSTRC of 3.1.4.1.3.2 (AD CS's
 * "Taken Under Submission", a SecurityTokenReference to CES's own URI), the fault of 4.1.4.2 with
 * the CertificateEnrollmentWSDetail of 3.1.4.1.3.7, and the plain WCF faults CES's SOAP stack
 * sends before the CA is asked (security, action, address). Base64 in 64-character lines ending
 * CR LF, as CES writes it.
 */
final class CesAnswerXml {

  static final String FAULT_ACTION =
      "http://schemas.microsoft.com/windows/pki/2009/01/enrollment/RequestSecurityTokenCertificateEnrollmentWSDetailFault";
  static final String WCF_FAULT_ACTION = "http://www.w3.org/2005/08/addressing/soap/fault";
  static final String DIAGNOSTICS = "http://schemas.microsoft.com/2004/09/ServiceModel/Diagnostics";

  private CesAnswerXml() {}

  static byte[] issued(String relatesTo, int requestId, X509Certificate certificate, List<X509Certificate> chain,
      CmcResponses cmc) throws Exception {
    Document doc = SafeXml.newDocument();
    Element response = response(doc, relatesTo);
    text(response, Wstep.ENROLLMENT, "DispositionMessage", "Issued").setAttributeNS(
        "http://www.w3.org/XML/1998/namespace", "xml:lang", "en-US");
    List<X509Certificate> all = new ArrayList<>(List.of(certificate));
    all.addAll(chain);
    binary(response, Wstep.PKCS7, cmc.success(all, requestId));
    Element requested = element(response, Wstep.TRUST, "RequestedSecurityToken");
    binary(requested, Wstep.X509V3, certificate.getEncoded());
    text(response, Wstep.ENROLLMENT, "RequestID", Integer.toString(requestId));
    return SafeXml.serialize(doc);
  }

  static byte[] pending(String relatesTo, int requestId, URI ces, List<X509Certificate> chain, CmcResponses cmc)
      throws Exception {
    Document doc = SafeXml.newDocument();
    Element response = response(doc, relatesTo);
    text(response, Wstep.ENROLLMENT, "DispositionMessage", "Taken Under Submission").setAttributeNS(
        "http://www.w3.org/XML/1998/namespace", "xml:lang", "en-US");
    binary(response, Wstep.PKCS7, cmc.pending(chain, requestId));
    Element requested = element(response, Wstep.TRUST, "RequestedSecurityToken");
    Element reference = element(element(requested, Wstep.SECEXT, "SecurityTokenReference"), Wstep.SECEXT, "Reference");
    reference.setAttribute("URI", ces.toString());
    text(response, Wstep.ENROLLMENT, "RequestID", Integer.toString(requestId));
    return SafeXml.serialize(doc);
  }

  /** The CA refused: s:Receiver with the CA's HRESULT. */
  static byte[] caFault(String relatesTo, CesDecision.Refused refused) {
    Document doc = SafeXml.newDocument();
    Element fault = fault(doc, FAULT_ACTION, relatesTo, "s:Receiver", null, refused.text());
    Element detail = element(element(fault, Wstep.SOAP, "s:Detail"), Wstep.ENROLLMENT, "CertificateEnrollmentWSDetail");
    nil(element(detail, Wstep.ENROLLMENT, "BinaryResponse"));
    text(detail, Wstep.ENROLLMENT, "ErrorCode", Integer.toString(refused.hresult()));
    text(detail, Wstep.ENROLLMENT, "InvalidRequest", Boolean.toString(refused.invalidRequest()));
    Element requestId = element(detail, Wstep.ENROLLMENT, "RequestID");
    if (refused.requestId() == null) {
      nil(requestId);
    } else {
      requestId.setTextContent(refused.requestId().toString());
    }
    return SafeXml.serialize(doc);
  }

  /** WCF refused the message before CES saw it: s:Sender with a subcode, no detail. */
  static byte[] wcfFault(String relatesTo, String subcodeNamespace, String subcode, String reason) {
    Document doc = SafeXml.newDocument();
    fault(doc, WCF_FAULT_ACTION, relatesTo, "s:Sender", new String[] {subcodeNamespace, subcode}, reason);
    return SafeXml.serialize(doc);
  }

  /** CES failed or refused the message as such ([MS-WSTEP] 4.1.4.2). */
  static byte[] internalFault(String relatesTo, String reason) {
    Document doc = SafeXml.newDocument();
    fault(doc, "http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher/fault", relatesTo,
        "s:Receiver", new String[] {"http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher",
            "InternalServiceFault"}, reason);
    return SafeXml.serialize(doc);
  }

  private static Element fault(Document doc, String action, String relatesTo, String code, String[] subcode,
      String reason) {
    Element body = envelope(doc, action, relatesTo);
    Element fault = element(body, Wstep.SOAP, "s:Fault");
    Element codeElement = element(fault, Wstep.SOAP, "s:Code");
    text(codeElement, Wstep.SOAP, "s:Value", code);
    if (subcode != null) {
      Element value = text(element(codeElement, Wstep.SOAP, "s:Subcode"), Wstep.SOAP, "s:Value", "a:" + subcode[1]);
      value.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:a", subcode[0]);
    }
    text(element(fault, Wstep.SOAP, "s:Reason"), Wstep.SOAP, "s:Text", reason)
        .setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", "en-US");
    return fault;
  }

  private static Element response(Document doc, String relatesTo) {
    Element body = envelope(doc, Wstep.RESPONSE_ACTION, relatesTo);
    Element collection = element(body, Wstep.TRUST, "RequestSecurityTokenResponseCollection");
    Element response = element(collection, Wstep.TRUST, "RequestSecurityTokenResponse");
    text(response, Wstep.TRUST, "TokenType", Wstep.TOKEN_TYPE);
    return response;
  }

  private static Element envelope(Document doc, String action, String relatesTo) {
    Element envelope = doc.createElementNS(Wstep.SOAP, "s:Envelope");
    doc.appendChild(envelope);
    Element header = element(envelope, Wstep.SOAP, "s:Header");
    text(header, Wstep.ADDRESSING, "a:Action", action).setAttributeNS(Wstep.SOAP, "s:mustUnderstand", "1");
    if (relatesTo != null) {
      text(header, Wstep.ADDRESSING, "a:RelatesTo", relatesTo);
    }
    text(header, DIAGNOSTICS, "ActivityId", UUID.randomUUID().toString())
        .setAttribute("CorrelationId", UUID.randomUUID().toString());
    return element(envelope, Wstep.SOAP, "s:Body");
  }

  private static void binary(Element parent, String valueType, byte[] der) {
    String base64 = Base64.getMimeEncoder(64, "\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .encodeToString(der);
    Element token = text(parent, Wstep.SECEXT, "BinarySecurityToken", base64);
    token.setAttribute("ValueType", valueType);
    token.setAttribute("EncodingType", Wstep.BASE64);
  }

  private static void nil(Element element) {
    element.setAttributeNS(Wstep.XSI, "xsi:nil", "true");
  }

  private static Element element(Element parent, String namespace, String name) {
    // unprefixed names get their namespace as the default one, as CES writes them
    Element child = parent.getOwnerDocument().createElementNS(namespace, name);
    parent.appendChild(child);
    return child;
  }

  private static Element text(Element parent, String namespace, String name, String value) {
    Element child = element(parent, namespace, name);
    child.setTextContent(value);
    return child;
  }
}
