package org.scepra.backend.ejbca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Compares two SOAP messages by structure: the same elements (namespace and local name) in the
 * same order, the same xsi:type and xsi:nil, and the same text, except in elements holding
 * certificate or CRL bytes. Prefixes and whitespace between elements do not count.
 */
final class SoapShape {

  private SoapShape() {}

  static void assertSame(String expected, String actual, Set<String> binaryElements, UnaryOperator<String> normalize) {
    compare(parse(expected), parse(actual), "", binaryElements, normalize);
  }

  static void assertSame(String expected, String actual, String... binaryElements) {
    assertSame(expected, actual, Set.of(binaryElements), UnaryOperator.identity());
  }

  static Element parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    } catch (Exception e) {
      throw new IllegalArgumentException("not XML: " + xml, e);
    }
  }

  private static void compare(Element expected, Element actual, String parent, Set<String> binary, UnaryOperator<String> normalize) {
    String path = parent + "/" + expected.getLocalName();
    assertEquals(new QName(expected.getNamespaceURI(), expected.getLocalName()),
        new QName(actual.getNamespaceURI(), actual.getLocalName()), "element at " + path);
    assertEquals(typeOf(expected), typeOf(actual), "xsi:type at " + path);
    assertEquals(expected.getAttributeNS(DoubleFaults.XSI, "nil"), actual.getAttributeNS(DoubleFaults.XSI, "nil"), "xsi:nil at " + path);
    List<Element> expectedChildren = children(expected);
    List<Element> actualChildren = children(actual);
    assertEquals(names(expectedChildren), names(actualChildren), "children of " + path);
    for (int i = 0; i < expectedChildren.size(); i++) {
      compare(expectedChildren.get(i), actualChildren.get(i), path, binary, normalize);
    }
    if (expectedChildren.isEmpty() && !binary.contains(expected.getLocalName())) {
      if (expected.getLocalName().equals("faultcode")) {
        assertEquals(qname(expected, expected.getTextContent()), qname(actual, actual.getTextContent()), path);
      } else {
        assertEquals(normalize.apply(expected.getTextContent().strip()), normalize.apply(actual.getTextContent().strip()), path);
      }
    }
  }

  private static QName typeOf(Element element) {
    String type = element.getAttributeNS(DoubleFaults.XSI, "type");
    return type.isEmpty() ? null : qname(element, type);
  }

  private static QName qname(Element context, String prefixed) {
    String text = prefixed.strip();
    int colon = text.indexOf(':');
    String prefix = colon < 0 ? null : text.substring(0, colon);
    return new QName(context.lookupNamespaceURI(prefix), text.substring(colon + 1));
  }

  private static List<Element> children(Element element) {
    List<Element> children = new ArrayList<>();
    for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element child) {
        children.add(child);
      }
    }
    return children;
  }

  private static List<String> names(List<Element> elements) {
    return elements.stream().map(e -> "{" + e.getNamespaceURI() + "}" + e.getLocalName()).toList();
  }
}
