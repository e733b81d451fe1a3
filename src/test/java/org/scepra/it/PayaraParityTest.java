package org.scepra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The integration tests run on WildFly and on Payara Micro; what differs between the two is written twice, so this
 * (a plain unit test) fails fast when one side is changed without the other.
 */
class PayaraParityTest {

  /**
   * scepra's settings for both servers come from one file (src/test/server/it-server.properties, rendered per server
   * by pom.xml); a -Dscepra option added to one container alone would make the two runs test different things.
   */
  @Test
  void scepraSettingsComeOnlyFromTheSharedFile() throws Exception {
    Document arquillian = parse("src/test/resources/arquillian.xml");
    assertEquals(List.of(), scepraOptions(property(arquillian, "wildfly", "javaVmArguments")),
        "arquillian.xml, container wildfly: put scepra settings in src/test/server/it-server.properties");
    assertEquals(List.of(), scepraOptions(property(arquillian, "payara", "cmdOptions")),
        "arquillian.xml, container payara: put scepra settings in src/test/server/it-server.properties");
    assertEquals("--properties=${it.properties.wildfly}", property(arquillian, "wildfly", "jbossArguments").trim());
    assertTrue(property(arquillian, "payara", "extraMicroOptions").contains("--systemproperties ${it.properties.payara}"),
        "container payara must load its rendered copy of the shared file");
  }

  /** Payara maps roles to groups in glassfish-web.xml; every role of web.xml needs its group there. */
  @Test
  void everyRoleOfWebXmlIsMappedToTheGroupOfTheSameNameOnPayara() throws Exception {
    Map<String, String> expected = new TreeMap<>();
    for (String role : texts(parse("src/main/webapp/WEB-INF/web.xml"), "security-role", "role-name")) {
      expected.put(role, role);
    }
    Map<String, String> mapped = new TreeMap<>();
    NodeList mappings = parse("src/main/webapp/WEB-INF/glassfish-web.xml")
        .getElementsByTagName("security-role-mapping");
    for (int i = 0; i < mappings.getLength(); i++) {
      Element mapping = (Element) mappings.item(i);
      mapped.put(text(mapping, "role-name"), text(mapping, "group-name"));
    }
    assertEquals(expected, mapped, "glassfish-web.xml: one <security-role-mapping> per web.xml <security-role>, "
        + "role scepra-x to group scepra-x");
  }

  private static List<String> scepraOptions(String jvmArguments) {
    List<String> options = new ArrayList<>(Arrays.stream(jvmArguments.trim().split("\\s+"))
        .filter(option -> option.startsWith("-Dscepra.")).toList());
    options.sort(null);
    return options;
  }

  private static String property(Document arquillian, String qualifier, String name) {
    NodeList containers = arquillian.getElementsByTagName("container");
    for (int i = 0; i < containers.getLength(); i++) {
      Element container = (Element) containers.item(i);
      if (qualifier.equals(container.getAttribute("qualifier"))) {
        NodeList properties = container.getElementsByTagName("property");
        for (int j = 0; j < properties.getLength(); j++) {
          Element property = (Element) properties.item(j);
          if (name.equals(property.getAttribute("name"))) {
            return property.getTextContent();
          }
        }
      }
    }
    throw new AssertionError("arquillian.xml: no property " + name + " in container " + qualifier);
  }

  private static List<String> texts(Document document, String parent, String child) {
    List<String> result = new ArrayList<>();
    NodeList parents = document.getElementsByTagName(parent);
    for (int i = 0; i < parents.getLength(); i++) {
      result.add(text((Element) parents.item(i), child));
    }
    return result;
  }

  private static String text(Element parent, String child) {
    return parent.getElementsByTagName(child).item(0).getTextContent().trim();
  }

  private static Document parse(String path) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    // glassfish-web.xml names a DTD: never fetch it
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(Path.of(path).toFile());
  }
}
