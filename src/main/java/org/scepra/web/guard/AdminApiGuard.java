package org.scepra.web.guard;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.scepra.ra.audit.AuditEvent;
import org.scepra.ra.audit.AuditLog;

/**
 * The admin API's defence against cross-site requests. A browser that has used the API sends the operator's Basic
 * credentials by itself, so a form on any page could approve, reject, revoke or mint. State-changing calls are
 * therefore refused when Origin or Sec-Fetch-Site says another site sent them (403), and accepted only as
 * {@code application/json} (415 otherwise), which no form can send and no other site's script can send without a
 * CORS preflight that scepra never grants. The console's pages ({@code /admin/}, {@code /admin/console/*}) have
 * their own guard with a token.
 */
@WebFilter(filterName = "admin-api-guard", urlPatterns = "/admin/*")
public class AdminApiGuard extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private transient AuditLog audit;

  @Inject
  void wire(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (SAFE_METHODS.contains(request.getMethod()) || ConsolePaths.isConsole(path)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<String> crossSite = CrossSiteRequests.refusal(request.getHeader("Origin"),
        request.getHeader("Sec-Fetch-Site"), request.getHeader("Host"));
    if (crossSite.isPresent()) {
      refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "cross-site request refused",
          crossSite.get());
      return;
    }
    if (!CrossSiteRequests.isJson(request.getContentType())) {
      refuse(request, response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
          "state-changing admin calls take Content-Type: application/json", "not application/json");
      return;
    }
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String message,
      String reason) throws IOException {
    audit.record(AuditEvent.admin("adminRefused", request.getRemoteUser(), null, null, null,
        String.valueOf(status), request.getMethod() + " " + request.getRequestURI() + ": " + reason, null));
    response.setStatus(status);
    // the refused body is never read: closing the connection keeps its bytes from being taken for the next request
    // (Payara's Grizzly otherwise closes it a moment later, under a client that is already reusing it)
    response.setHeader("Connection", "close");
    response.setContentType("text/plain;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
