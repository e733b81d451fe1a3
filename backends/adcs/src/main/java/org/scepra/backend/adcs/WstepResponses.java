package org.scepra.backend.adcs;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Reads CES's answers ([MS-WSTEP] 3.1.4.1.3.2, 3.1.4.1.3.7, examples 4.1.1.2 and 4.1.4.2): a
 * RequestSecurityTokenResponseCollection with exactly one response, which either carries the
 * issued certificate (RequestedSecurityToken/BinarySecurityToken, X509v3) beside a CMC full PKI
 * response with the chain (#PKCS7), or points to the pending request (SecurityTokenReference) with
 * its RequestID; or a SOAP 1.2 fault with CertificateEnrollmentWSDetail. Anything else is refused.
 */
final class WstepResponses {

  private WstepResponses() {}

  /**
   * @param relatesTo the MessageID of the request; an answer that relates to another is refused
   * @throws CesCallException if the bytes are not such an answer
   */
  static CesAnswer parse(byte[] xml, String relatesTo) throws CesCallException {
    Element envelope;
    try {
      envelope = SafeXml.parse(xml).getDocumentElement();
    } catch (SAXException e) {
      throw new CesCallException("CES answered with something that is not XML", e);
    }
    if (!Dom.is(envelope, Wstep.SOAP, "Envelope")) {
      throw new CesCallException("CES answered with something that is not a SOAP 1.2 envelope");
    }
    Optional<String> relates = Dom.child(envelope, Wstep.SOAP, "Header")
        .flatMap(header -> Dom.text(Dom.child(header, Wstep.ADDRESSING, "RelatesTo")));
    if (relates.isPresent() && !relates.get().equals(relatesTo)) {
      throw new CesCallException("CES answered another message (RelatesTo " + relates.get() + ")");
    }
    Element body = Dom.child(envelope, Wstep.SOAP, "Body")
        .orElseThrow(() -> new CesCallException("CES's answer has no SOAP body"));
    List<Element> content = Dom.children(body);
    if (content.size() != 1) {
      throw new CesCallException("CES's answer has " + content.size() + " body elements, not one");
    }
    Element answer = content.get(0);
    if (Dom.is(answer, Wstep.SOAP, "Fault")) {
      return fault(answer);
    }
    if (relates.isEmpty()) {
      throw new CesCallException("CES's answer has no RelatesTo");
    }
    if (!Dom.is(answer, Wstep.TRUST, "RequestSecurityTokenResponseCollection")) {
      throw new CesCallException("CES answered " + answer.getLocalName() + ", not RequestSecurityTokenResponseCollection");
    }
    List<Element> responses = Dom.children(answer, Wstep.TRUST, "RequestSecurityTokenResponse");
    if (responses.size() != 1) {
      throw new CesCallException("CES answered " + responses.size() + " RequestSecurityTokenResponses, not one");
    }
    return response(responses.get(0));
  }

  private static CesAnswer response(Element response) throws CesCallException {
    String requestId = Dom.text(Dom.child(response, Wstep.ENROLLMENT, "RequestID"))
        .orElseThrow(() -> new CesCallException("CES's answer has no RequestID"));
    String disposition = Dom.text(Dom.child(response, Wstep.ENROLLMENT, "DispositionMessage")).orElse("");
    Element requested = Dom.child(response, Wstep.TRUST, "RequestedSecurityToken")
        .orElseThrow(() -> new CesCallException("CES's answer has no RequestedSecurityToken"));
    Optional<Element> certificate = Dom.child(requested, Wstep.SECEXT, "BinarySecurityToken");
    if (certificate.isPresent()) {
      expectValueType(certificate.get(), Wstep.X509V3);
      X509Certificate issued = certificate(decode(certificate.get()));
      List<X509Certificate> chain = new ArrayList<>();
      Optional<Element> cmc = Dom.child(response, Wstep.SECEXT, "BinarySecurityToken");
      if (cmc.isPresent()) {
        expectValueType(cmc.get(), Wstep.PKCS7);
        chain.addAll(IssuerChain.above(issued, signedDataCertificates(decode(cmc.get()))));
      }
      return new CesAnswer.Issued(issued, chain, requestId);
    }
    if (Dom.child(requested, Wstep.SECEXT, "SecurityTokenReference").isPresent()) {
      return new CesAnswer.Pending(requestId, disposition);
    }
    throw new CesCallException("CES's RequestedSecurityToken holds neither a certificate nor a reference");
  }

  private static CesAnswer.Fault fault(Element fault) {
    Optional<Element> code = Dom.child(fault, Wstep.SOAP, "Code");
    String value = Dom.text(code.flatMap(c -> Dom.child(c, Wstep.SOAP, "Value"))).orElse("");
    Optional<String> subcode = Dom.text(code.flatMap(c -> Dom.child(c, Wstep.SOAP, "Subcode"))
        .flatMap(s -> Dom.child(s, Wstep.SOAP, "Value")));
    String reason = Dom.text(Dom.child(fault, Wstep.SOAP, "Reason").flatMap(r -> Dom.child(r, Wstep.SOAP, "Text")))
        .orElse("");
    Optional<Element> detail = Dom.child(fault, Wstep.SOAP, "Detail")
        .flatMap(d -> Dom.child(d, Wstep.ENROLLMENT, "CertificateEnrollmentWSDetail"));
    Optional<Integer> errorCode = detail.flatMap(d -> Dom.text(Dom.child(d, Wstep.ENROLLMENT, "ErrorCode")))
        .flatMap(WstepResponses::integer);
    Optional<String> requestId = detail.flatMap(d -> Dom.text(Dom.child(d, Wstep.ENROLLMENT, "RequestID")));
    boolean invalid = detail.flatMap(d -> Dom.text(Dom.child(d, Wstep.ENROLLMENT, "InvalidRequest")))
        .map("true"::equals).orElse(false);
    return new CesAnswer.Fault(errorCode, requestId, invalid, value + subcode.map(s -> "/" + s).orElse(""), reason);
  }

  private static Optional<Integer> integer(String text) {
    try {
      return Optional.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void expectValueType(Element token, String valueType) throws CesCallException {
    if (!valueType.equals(token.getAttribute("ValueType"))) {
      throw new CesCallException("CES's BinarySecurityToken has ValueType " + token.getAttribute("ValueType")
          + ", expected " + valueType);
    }
  }

  /** CES wraps its base64 in lines ending in CR LF. */
  private static byte[] decode(Element token) throws CesCallException {
    try {
      return Base64.getMimeDecoder().decode(token.getTextContent().strip());
    } catch (IllegalArgumentException e) {
      throw new CesCallException("CES's BinarySecurityToken is not base64", e);
    }
  }

  private static X509Certificate certificate(byte[] der) throws CesCallException {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new CesCallException("CES's issued certificate cannot be read", e);
    }
  }

  private static List<X509Certificate> signedDataCertificates(byte[] der) throws CesCallException {
    try {
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      List<X509Certificate> certificates = new ArrayList<>();
      for (X509CertificateHolder holder : new CMSSignedData(der).getCertificates().getMatches(null)) {
        certificates.add(converter.getCertificate(holder));
      }
      return certificates;
    } catch (CMSException | GeneralSecurityException | RuntimeException e) {
      throw new CesCallException("CES's CMC response cannot be read", e);
    }
  }
}
