package org.scepra.backend.adcs;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The CES side of the double: reads a RequestSecurityToken that passed {@link CesRequestCheck},
 * refuses what [MS-WSTEP] 3.1.4.2 says to refuse (no or unknown RequestType, a TokenType other than
 * X509v3, an Issue without a PKCS#10 BinarySecurityToken, a QueryTokenStatus without RequestID),
 * hands the rest to the CA ({@link CesDouble}) and writes its decision as CES does.
 */
final class CesService {

  static final String SOAP_CONTENT_TYPE = "application/soap+xml; charset=utf-8";
  static final String INTERNAL = "The server was unable to process the request due to an internal error.";

  record Reply(int status, String contentType, byte[] body) {}

  private final CesDouble ca;
  private final CmcResponses cmc;
  private final String password;
  /** Serials a CA administrator revoked, with their CRL reason. */
  final Map<BigInteger, Integer> revoked = new ConcurrentHashMap<>();

  CesService(CesDouble ca, String password) {
    this.ca = ca;
    this.cmc = new CmcResponses(ca.pki);
    this.password = password;
  }

  Reply answer(byte[] xml, URI ces, boolean username) {
    Element envelope;
    try {
      envelope = SafeXml.parse(xml).getDocumentElement();
    } catch (SAXException e) {
      return new Reply(400, "text/html", "Bad Request".getBytes(StandardCharsets.UTF_8));
    }
    if (!Dom.is(envelope, Wstep.SOAP, "Envelope")) {
      return new Reply(400, "text/html", "Bad Request".getBytes(StandardCharsets.UTF_8));
    }
    Optional<byte[]> refused = CesRequestCheck.check(envelope, ces.toString(), username, password);
    String messageId = Dom.child(envelope, Wstep.SOAP, "Header")
        .flatMap(h -> Dom.text(Dom.child(h, Wstep.ADDRESSING, "MessageID"))).orElse(null);
    if (refused.isPresent()) {
      return fault(refused.get());
    }
    Optional<Element> rst = Dom.child(envelope, Wstep.SOAP, "Body")
        .flatMap(b -> Dom.child(b, Wstep.TRUST, "RequestSecurityToken"));
    if (rst.isEmpty()) {
      return internal(messageId);
    }
    Optional<String> tokenType = Dom.text(Dom.child(rst.get(), Wstep.TRUST, "TokenType"));
    if (tokenType.isPresent() && !Wstep.TOKEN_TYPE.equals(tokenType.get())) {
      return internal(messageId);
    }
    String requestType = Dom.text(Dom.child(rst.get(), Wstep.TRUST, "RequestType")).orElse("");
    try {
      if (Wstep.ISSUE.equals(requestType)) {
        return issue(rst.get(), messageId, ces);
      }
      if (Wstep.QUERY_TOKEN_STATUS.equals(requestType)) {
        Optional<String> requestId = Dom.text(Dom.child(rst.get(), Wstep.ENROLLMENT, "RequestID"));
        return requestId.isEmpty() ? internal(messageId) : reply(ca.query(requestId.get()), messageId, ces);
      }
      return internal(messageId);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Reply issue(Element rst, String messageId, URI ces) throws Exception {
    Optional<Element> token = Dom.child(rst, Wstep.SECEXT, "BinarySecurityToken");
    if (token.isEmpty() || !Wstep.PKCS10.equals(token.get().getAttribute("ValueType"))
        || !Wstep.BASE64.equals(token.get().getAttribute("EncodingType"))) {
      return internal(messageId);
    }
    PKCS10CertificationRequest csr;
    try {
      csr = new PKCS10CertificationRequest(Base64.getMimeDecoder().decode(token.get().getTextContent().strip()));
    } catch (Exception e) {
      // the CA cannot decode it: CRYPT_E_ASN1_BADTAG
      return reply(new CesDecision.Refused(0x8009310B, null, true, "ASN1 bad tag value met."), messageId, ces);
    }
    String template = Dom.child(rst, Wstep.AUTHORIZATION, "AdditionalContext")
        .flatMap(context -> Dom.children(context, Wstep.AUTHORIZATION, "ContextItem").stream()
            .filter(item -> Wstep.TEMPLATE_ITEM.equals(item.getAttribute("Name"))).findFirst())
        .flatMap(item -> Dom.text(Dom.child(item, Wstep.AUTHORIZATION, "Value")))
        .orElse(null);
    return reply(ca.submit(csr, template), messageId, ces);
  }

  private Reply reply(CesDecision decision, String messageId, URI ces) throws Exception {
    if (decision instanceof CesDecision.Issued issued) {
      return ok(CesAnswerXml.issued(messageId, issued.requestId(), issued.certificate(), ca.pki.caChain(), cmc));
    }
    if (decision instanceof CesDecision.Pending pending) {
      return ok(CesAnswerXml.pending(messageId, pending.requestId(), ces, ca.pki.caChain(), cmc));
    }
    return fault(CesAnswerXml.caFault(messageId, (CesDecision.Refused) decision));
  }

  /** The CA's current CRL, signed by the issuing CA, with what its administrator revoked. */
  byte[] crl() {
    try {
      X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(ca.pki.issuing.getSubjectX500Principal()
          .getEncoded()), new Date());
      builder.setNextUpdate(Date.from(Instant.now().plusSeconds(7 * 86400)));
      revoked.forEach((serial, reason) -> builder.addCRLEntry(serial, new Date(), reason));
      return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.pki.issuingKeys.getPrivate()))
          .getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void revoke(X509Certificate certificate) {
    revoked.put(certificate.getSerialNumber(), CRLReason.keyCompromise);
  }

  private static Reply ok(byte[] body) {
    return new Reply(200, SOAP_CONTENT_TYPE, body);
  }

  private static Reply fault(byte[] body) {
    return new Reply(500, SOAP_CONTENT_TYPE, body);
  }

  /** The fault of [MS-WSTEP] 4.1.4.2: s:Receiver, InternalServiceFault, no detail. */
  private static Reply internal(String messageId) {
    return fault(CesAnswerXml.internalFault(messageId, INTERNAL));
  }
}
