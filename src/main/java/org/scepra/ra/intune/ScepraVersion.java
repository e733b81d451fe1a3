package org.scepra.ra.intune;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** scepra's version, as Maven wrote it into {@code scepra-version.properties} at build time. */
final class ScepraVersion {

  private ScepraVersion() {}

  static String get() {
    try (InputStream in = ScepraVersion.class.getResourceAsStream("scepra-version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      String version = properties.getProperty("version", "");
      return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
