package org.scepra.web.console;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.scepra.ra.audit.AuditEvent;
import org.scepra.ra.audit.AuditLog;
import org.scepra.web.guard.CrossSiteRequests;

/**
 * In front of every console page: the security headers, the signed-in session, and for every POST a same-origin
 * check plus the session's token (a form on another page can neither know the token nor hide its Origin).
 */
@WebFilter(filterName = "console-guard", urlPatterns = {"/admin", "/admin/", "/admin/console/*"})
public class ConsoleGuard extends HttpFilter {
  private static final long serialVersionUID = 1L;
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private transient ConsoleSettings settings;
  private transient AuditLog audit;

  @Inject
  void wire(ConsoleSettings settings, AuditLog audit) {
    this.settings = settings;
    this.audit = audit;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    securityHeaders(response);
    String page = ConsoleServlet.page(request);
    boolean post = request.getMethod().equals("POST");
    if (post) {
      Optional<String> crossSite = CrossSiteRequests.refusal(request.getHeader("Origin"),
          request.getHeader("Sec-Fetch-Site"), request.getHeader("Host"));
      if (crossSite.isPresent()) {
        refuse(request, response, null, crossSite.get());
        return;
      }
    }
    if (page.startsWith(ConsoleServlet.ASSETS) || page.equals(ConsoleServlet.SIGN_IN)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ConsoleSession> session = ConsoleSession.current(request, settings.sessionTimeout(), Instant.now());
    if (session.isEmpty()) {
      if (post) {
        refuse(request, response, null, "no console session");
      } else {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/admin/console" + ConsoleServlet.SIGN_IN);
      }
      return;
    }
    if (post && !session.get().tokenMatches(request.getParameter("csrf"))) {
      refuse(request, response, session.get().user().name(), "the form's token is missing or wrong");
      return;
    }
    request.setAttribute(ConsoleSession.ATTRIBUTE, session.get());
    chain.doFilter(request, response);
  }

  static void securityHeaders(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" even with its own forms
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-store");
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String user, String reason)
      throws IOException {
    audit.record(AuditEvent.admin("consoleRefused", user, null, null, null, "FORBIDDEN",
        request.getMethod() + " " + request.getRequestURI() + ": " + reason, null));
    ConsoleLayout.message(response, HttpServletResponse.SC_FORBIDDEN, "Refused",
        "This request did not come from a console page of this server, or your session has ended. "
            + "Open the console and try again.", request.getContextPath());
  }
}
