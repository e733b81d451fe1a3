package org.scepra.web.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The console's stylesheet and script, served from the WAR's classes: no build chain, nothing from another origin.
 * Served by the console servlet itself, since the JAX-RS mapping {@code /admin/*} would hide files under /admin.
 */
final class ConsoleAssets {
  private static final Map<String, String> TYPES = Map.of(
      "console.css", "text/css;charset=UTF-8",
      "console.js", "text/javascript;charset=UTF-8");

  private ConsoleAssets() {}

  static void serve(String name, HttpServletResponse response) throws IOException {
    String type = TYPES.get(name);
    byte[] bytes = null;
    if (type != null) {
      try (InputStream in = ConsoleAssets.class.getResourceAsStream(name)) {
        bytes = in == null ? null : in.readAllBytes();
      }
    }
    if (bytes == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    response.setHeader("Cache-Control", "no-cache");
    response.setContentType(type);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
