package org.scepra.web.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.scepra.web.html.Html;
import org.scepra.web.signin.ServerRealm;

/** One console request: the servlet pair and the signed-in session the guard found. */
record ConsoleRequest(HttpServletRequest request, HttpServletResponse response, ConsoleSession session) {

  ServerRealm.User user() {
    return session.user();
  }

  /** A form field, stripped; empty when absent. */
  String param(String name) {
    String value = request.getParameter(name);
    return value == null ? "" : value.strip();
  }

  boolean isPost() {
    return request.getMethod().equals("POST");
  }

  /** A console URL: {@code href("/pending")} is {@code <context>/admin/console/pending}. */
  String href(String page) {
    return request.getContextPath() + "/admin/console" + page;
  }

  /** The hidden field every form carries back. */
  String csrfField() {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.text(session.csrfToken()) + "\">";
  }

  /** Where this server is reached, as the browser named it (for SCEP URLs to paste). */
  String serverBase() {
    return request.getScheme() + "://" + request.getHeader("Host") + request.getContextPath();
  }

  void write(int status, String title, String nav, String body) throws IOException {
    ConsoleLayout.write(response, status, ConsoleLayout.page(this, title, nav, body));
  }
}
