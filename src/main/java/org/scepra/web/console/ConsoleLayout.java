package org.scepra.web.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.scepra.web.html.Html;

/** The frame of every console page: head, navigation (only what the user may open), sign-out, main content. */
final class ConsoleLayout {

  private record NavItem(String page, String label, boolean operatorOnly) {}

  private static final List<NavItem> NAV = List.of(
      new NavItem(ConsoleServlet.CHALLENGES, "Challenges", false),
      new NavItem(ConsoleServlet.PENDING, "Pending requests", true),
      new NavItem(ConsoleServlet.CERTIFICATES, "Certificates", true),
      new NavItem(ConsoleServlet.ENDPOINTS, "Endpoints", true),
      new NavItem(ConsoleServlet.ACTIVITY, "Activity", true));

  private ConsoleLayout() {}

  static String page(ConsoleRequest r, String title, String current, String body) {
    StringBuilder nav = new StringBuilder();
    for (NavItem item : NAV) {
      if (item.operatorOnly() && !r.user().isOperator()) {
        continue;
      }
      nav.append("<li><a href=\"").append(Html.text(r.href(item.page()))).append('"')
          .append(item.page().equals(current) ? " aria-current=\"page\"" : "").append('>')
          .append(item.label()).append("</a></li>");
    }
    return head(r.request().getContextPath(), title)
        + "<header><a class=\"skip\" href=\"#main\">Skip to content</a><span class=\"brand\">scepra</span>"
        + "<nav aria-label=\"Console\"><ul>" + nav + "</ul></nav>"
        + "<form class=\"signout\" method=\"post\" action=\"" + Html.text(r.href(ConsoleServlet.SIGN_OUT)) + "\">"
        + r.csrfField() + "<span id=\"signed-in-as\">" + Html.text(r.user().name()) + "</span> "
        + "<button type=\"submit\">Sign out</button></form></header>"
        + "<main id=\"main\"><h1>" + Html.text(title) + "</h1>" + body + "</main></body></html>";
  }

  /** A page without navigation: sign-in, refusals. */
  static String bare(String contextPath, String title, String body) {
    return head(contextPath, title) + "<main id=\"main\" class=\"bare\"><h1>" + Html.text(title) + "</h1>" + body
        + "</main></body></html>";
  }

  static void message(HttpServletResponse response, int status, String title, String text, String contextPath)
      throws IOException {
    write(response, status, bare(contextPath, title, "<p class=\"error\">" + Html.text(text) + "</p>"
        + "<p><a href=\"" + Html.text(contextPath) + "/admin/\">Open the console</a></p>"));
  }

  static void write(HttpServletResponse response, int status, String html) throws IOException {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private static String head(String contextPath, String title) {
    String assets = Html.text(contextPath) + "/admin/console" + ConsoleServlet.ASSETS;
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + Html.text(title) + " – scepra</title>"
        + "<link rel=\"stylesheet\" href=\"" + assets + "/console.css\">"
        + "<script src=\"" + assets + "/console.js\" defer></script></head><body>";
  }

  /** A table cell with text. */
  static String cell(String text) {
    return "<td>" + Html.text(text) + "</td>";
  }

  /** A table cell with a long value (hash, serial) that may break anywhere. */
  static String code(String text) {
    return "<td><code>" + Html.text(text) + "</code></td>";
  }

  static String status(String message, boolean ok) {
    return "<p role=\"status\" class=\"" + (ok ? "ok" : "error") + "\">" + Html.text(message) + "</p>";
  }
}
