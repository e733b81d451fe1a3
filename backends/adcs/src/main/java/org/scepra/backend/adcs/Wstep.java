package org.scepra.backend.adcs;

/**
 * The names [MS-WSTEP] uses on the wire (sections 2.2.1, 3.1.4.1.2.7, 3.1.4.1.2.8, 3.1.4.2): SOAP
 * 1.2 with WS-Addressing, a WS-Trust 1.3 RequestSecurityToken carrying the PKCS#10 request.
 */
final class Wstep {

  static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
  static final String ADDRESSING = "http://www.w3.org/2005/08/addressing";
  static final String TRUST = "http://docs.oasis-open.org/ws-sx/ws-trust/200512";
  static final String SECEXT = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  static final String UTILITY = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  static final String ENROLLMENT = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment";
  static final String AUTHORIZATION = "http://schemas.xmlsoap.org/ws/2006/12/authorization";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  static final String ACTION = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment/RST/wstep";
  static final String RESPONSE_ACTION = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment/RSTRC/wstep";
  static final String ANONYMOUS = "http://www.w3.org/2005/08/addressing/anonymous";
  static final String TOKEN_TYPE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
  static final String ISSUE = "http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issue";
  static final String QUERY_TOKEN_STATUS = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment/QueryTokenStatus";
  static final String PKCS10 = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment#PKCS10";
  static final String PKCS7 = SECEXT + "#PKCS7";
  static final String X509V3 = TOKEN_TYPE;
  static final String BASE64 = SECEXT + "#base64binary";
  static final String PASSWORD_TEXT =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
  static final String TEMPLATE_ITEM = "CertificateTemplate";
  /** SOAP 1.2 over HTTP names the action in the media type (RFC 3902). */
  static final String CONTENT_TYPE = "application/soap+xml; charset=utf-8; action=\"" + ACTION + "\"";

  private Wstep() {}
}
