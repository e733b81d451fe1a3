package org.scepra.backend.ejbca;

import jakarta.xml.soap.Detail;
import jakarta.xml.soap.DetailEntry;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalInt;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads EJBCA's fault details: an element named after the exception, holding an unqualified
 * {@code errorCode/internalErrorCode} (absent, empty or {@code xsi:nil}) and, for approvals, a
 * {@code requestId}.
 */
final class FaultParser {

  private FaultParser() {}

  static EjbcaFault parse(SOAPFaultException e) {
    SOAPFault fault = e.getFault();
    String message = Optional.ofNullable(fault.getFaultString()).orElse("");
    Detail detail = fault.getDetail();
    if (detail == null) {
      return new EjbcaFault("", "", message, OptionalInt.empty());
    }
    Iterator<DetailEntry> entries = detail.getDetailEntries();
    if (!entries.hasNext()) {
      return new EjbcaFault("", "", message, OptionalInt.empty());
    }
    DetailEntry entry = entries.next();
    String errorCode =
        child(entry, "errorCode").flatMap(code -> child(code, "internalErrorCode")).map(FaultParser::text).orElse("");
    return new EjbcaFault(entry.getLocalName(), errorCode, message, requestId(entry));
  }

  private static OptionalInt requestId(Element entry) {
    Optional<String> text = child(entry, "requestId").map(FaultParser::text);
    try {
      return text.isPresent() ? OptionalInt.of(Integer.parseInt(text.get())) : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private static Optional<Element> child(Element parent, String localName) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && localName.equals(element.getLocalName())) {
        return Optional.of(element);
      }
    }
    return Optional.empty();
  }

  private static String text(Element element) {
    return element.getTextContent().strip();
  }
}
