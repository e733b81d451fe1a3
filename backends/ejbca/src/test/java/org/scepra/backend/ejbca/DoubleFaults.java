package org.scepra.backend.ejbca;

import jakarta.xml.soap.DetailEntry;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.soap.SOAPFaultException;
import javax.xml.namespace.QName;

/**
 * The faults the EJBCA double throws, built with SAAJ so that the detail is exactly what EJBCA CE
 * 8.2 sends (see the captures): {@code soap:Server}, the message in faultstring, and a detail
 * element named after the exception holding an unqualified {@code errorCode} typed with
 * {@code xsi:type} (or {@code xsi:nil} for NotFoundException).
 */
final class DoubleFaults {

  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  private static final QName SERVER = new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, "Server");

  private DoubleFaults() {}

  /** EjbcaException, CADoesntExistsException, AlreadyRevokedException, ... with an error code. */
  static SOAPFaultException withCode(String exception, String errorCode, String faultString) {
    return build(faultString, exception, entry -> {
      SOAPElement code = errorCode(entry);
      code.setAttributeNS(XSI, "xsi:type", "ns2:errorCode");
      code.addChildElement(new QName("internalErrorCode")).addTextNode(errorCode);
    });
  }

  /** NotFoundException: the error code is nil. */
  static SOAPFaultException notFound(String faultString) {
    return build(faultString, EjbcaFault.NOT_FOUND, entry -> errorCode(entry).setAttributeNS(XSI, "xsi:nil", "true"));
  }

  /** AuthorizationDeniedException, UserDoesntFullfillEndEntityProfile: an empty detail element. */
  static SOAPFaultException empty(String exception, String faultString) {
    return build(faultString, exception, entry -> {});
  }

  /** WaitingForApprovalException: the approval request's id (not in the captures; per the WSDL). */
  static SOAPFaultException waitingForApproval(int requestId, String faultString) {
    return build(faultString, EjbcaFault.WAITING_FOR_APPROVAL,
        entry -> entry.addChildElement(new QName("requestId")).addTextNode(Integer.toString(requestId)));
  }

  /** What a switched-off web service answers: a fault with no declared detail. */
  static SOAPFaultException generic(String faultString) {
    try {
      return new SOAPFaultException(SOAPFactory.newInstance().createFault(faultString, SERVER));
    } catch (SOAPException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Filler {
    void fill(DetailEntry entry) throws SOAPException;
  }

  private static SOAPElement errorCode(DetailEntry entry) throws SOAPException {
    SOAPElement code = entry.addChildElement(new QName("errorCode"));
    code.addNamespaceDeclaration("xsi", XSI);
    code.addNamespaceDeclaration("ns2", EjbcaWs.NAMESPACE);
    return code;
  }

  private static SOAPFaultException build(String faultString, String exception, Filler filler) {
    try {
      SOAPFault fault = SOAPFactory.newInstance().createFault(faultString, SERVER);
      DetailEntry entry = fault.addDetail().addDetailEntry(new QName(EjbcaWs.NAMESPACE, exception, "ns1"));
      filler.fill(entry);
      return new SOAPFaultException(fault);
    } catch (SOAPException e) {
      throw new IllegalStateException(e);
    }
  }
}
