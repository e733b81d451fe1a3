package org.scepra.backend.adcs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The few DOM walks the [MS-WSTEP] codec needs: element children by namespace and local name. */
final class Dom {

  private Dom() {}

  static List<Element> children(Element parent) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        children.add(element);
      }
    }
    return children;
  }

  static List<Element> children(Element parent, String namespace, String localName) {
    return children(parent).stream().filter(e -> is(e, namespace, localName)).toList();
  }

  static Optional<Element> child(Element parent, String namespace, String localName) {
    return children(parent, namespace, localName).stream().findFirst();
  }

  static boolean is(Element element, String namespace, String localName) {
    return namespace.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
  }

  /** The element's text, trimmed; empty when absent, empty or {@code xsi:nil}. */
  static Optional<String> text(Optional<Element> element) {
    return element
        .filter(e -> !"true".equals(e.getAttributeNS(Wstep.XSI, "nil")))
        .map(e -> e.getTextContent().strip())
        .filter(s -> !s.isEmpty());
  }
}
