package org.scepra.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * "Another site": a page on 127.0.0.1 at port {@code it.port.crosssite} that, once the operator's browser opens it,
 * submits a form to scepra by itself. Another origin, yet the same site as 127.0.0.1 (sites ignore ports), so the
 * browser sends scepra's SameSite=Strict session cookie along: only scepra's own checks can stop it.
 */
final class CrossSitePage implements AutoCloseable {
  static final int PORT = Integer.getInteger("it.port.crosssite", 18446);

  private final HttpServer server;
  private volatile String html = "<html><body>nothing yet</body></html>";

  CrossSitePage() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 0);
    server.createContext("/", exchange -> {
      byte[] body = html.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + PORT + "/";
  }

  /** The next page served: a form to {@code action} with these fields, submitted as soon as it loads. */
  void autoSubmit(String action, String... namesAndValues) {
    StringBuilder fields = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.append("<input type=\"hidden\" name=\"").append(namesAndValues[i]).append("\" value=\"")
          .append(namesAndValues[i + 1]).append("\">");
    }
    html = "<html><body><h1>You won a prize</h1><form id=\"f\" method=\"post\" action=\"" + action + "\">" + fields
        + "</form><script>document.getElementById('f').submit();</script></body></html>";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
