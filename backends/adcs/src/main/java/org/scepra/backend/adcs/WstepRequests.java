package org.scepra.backend.adcs;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds the two requests scepra sends CES, shaped as [MS-WSTEP] 4.1.1.1 and 4.1.3.1 show them: a
 * SOAP 1.2 envelope with the WS-Addressing headers Action, MessageID, ReplyTo and To, and a
 * RequestSecurityToken that either issues (the PKCS#10 as a BinarySecurityToken, the template in
 * AdditionalContext) or asks for a pending request by RequestID (QueryTokenStatus). With username
 * auth the header also carries a WS-Security UsernameToken and Timestamp.
 */
final class WstepRequests {

  /** How long a UsernameToken message is valid (wsu:Timestamp), as WCF clients send it. */
  static final Duration TIMESTAMP_LIFETIME = Duration.ofMinutes(5);

  private WstepRequests() {}

  /** A message and the MessageID its answer must relate to. */
  record Message(String messageId, byte[] xml) {}

  static Message issue(URI to, Optional<CesCredentials> credentials, byte[] pkcs10, String template) {
    Document doc = SafeXml.newDocument();
    Element rst = envelope(doc, to, credentials);
    text(rst, Wstep.TRUST, "wst:TokenType", Wstep.TOKEN_TYPE);
    text(rst, Wstep.TRUST, "wst:RequestType", Wstep.ISSUE);
    Element token = text(rst, Wstep.SECEXT, "wsse:BinarySecurityToken", Base64.getEncoder().encodeToString(pkcs10));
    token.setAttribute("ValueType", Wstep.PKCS10);
    token.setAttribute("EncodingType", Wstep.BASE64);
    Element context = child(rst, Wstep.AUTHORIZATION, "ac:AdditionalContext");
    Element item = child(context, Wstep.AUTHORIZATION, "ac:ContextItem");
    item.setAttribute("Name", Wstep.TEMPLATE_ITEM);
    text(item, Wstep.AUTHORIZATION, "ac:Value", template);
    return new Message(messageId(doc), SafeXml.serialize(doc));
  }

  static Message queryTokenStatus(URI to, Optional<CesCredentials> credentials, String requestId) {
    Document doc = SafeXml.newDocument();
    Element rst = envelope(doc, to, credentials);
    text(rst, Wstep.TRUST, "wst:TokenType", Wstep.TOKEN_TYPE);
    text(rst, Wstep.TRUST, "wst:RequestType", Wstep.QUERY_TOKEN_STATUS);
    text(rst, Wstep.ENROLLMENT, "wstep:RequestID", requestId);
    return new Message(messageId(doc), SafeXml.serialize(doc));
  }

  /** The envelope with its header; returns the body's (empty) RequestSecurityToken. */
  private static Element envelope(Document doc, URI to, Optional<CesCredentials> credentials) {
    Element envelope = doc.createElementNS(Wstep.SOAP, "s:Envelope");
    doc.appendChild(envelope);
    Element header = child(envelope, Wstep.SOAP, "s:Header");
    mustUnderstand(text(header, Wstep.ADDRESSING, "a:Action", Wstep.ACTION));
    text(header, Wstep.ADDRESSING, "a:MessageID", "urn:uuid:" + UUID.randomUUID());
    text(child(header, Wstep.ADDRESSING, "a:ReplyTo"), Wstep.ADDRESSING, "a:Address", Wstep.ANONYMOUS);
    mustUnderstand(text(header, Wstep.ADDRESSING, "a:To", to.toString()));
    credentials.ifPresent(user -> security(header, user));
    Element body = child(envelope, Wstep.SOAP, "s:Body");
    return child(body, Wstep.TRUST, "wst:RequestSecurityToken");
  }

  private static void security(Element header, CesCredentials user) {
    Element security = mustUnderstand(child(header, Wstep.SECEXT, "wsse:Security"));
    Element timestamp = child(security, Wstep.UTILITY, "u:Timestamp");
    timestamp.setAttributeNS(Wstep.UTILITY, "u:Id", "_0");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    text(timestamp, Wstep.UTILITY, "u:Created", now.toString());
    text(timestamp, Wstep.UTILITY, "u:Expires", now.plus(TIMESTAMP_LIFETIME).toString());
    Element token = child(security, Wstep.SECEXT, "wsse:UsernameToken");
    token.setAttributeNS(Wstep.UTILITY, "u:Id", "uuid-" + UUID.randomUUID() + "-1");
    text(token, Wstep.SECEXT, "wsse:Username", user.username());
    text(token, Wstep.SECEXT, "wsse:Password", user.password()).setAttribute("Type", Wstep.PASSWORD_TEXT);
  }

  private static String messageId(Document doc) {
    return doc.getElementsByTagNameNS(Wstep.ADDRESSING, "MessageID").item(0).getTextContent();
  }

  private static Element mustUnderstand(Element element) {
    element.setAttributeNS(Wstep.SOAP, "s:mustUnderstand", "1");
    return element;
  }

  private static Element child(Element parent, String namespace, String qualifiedName) {
    Element child = parent.getOwnerDocument().createElementNS(namespace, qualifiedName);
    parent.appendChild(child);
    return child;
  }

  private static Element text(Element parent, String namespace, String qualifiedName, String value) {
    Element child = child(parent, namespace, qualifiedName);
    child.setTextContent(value);
    return child;
  }
}
