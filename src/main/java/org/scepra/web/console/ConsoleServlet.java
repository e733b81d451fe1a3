package org.scepra.web.console;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.scepra.ra.DatabaseFaults;
import java.io.IOException;
import java.util.Map;
import org.scepra.ra.admin.Approvals;
import org.scepra.ra.admin.Revocations;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.challenge.ChallengeIssuance;
import org.scepra.ra.console.Activity;
import org.scepra.ra.console.CertificateSearch;
import org.scepra.ra.console.EndpointOverview;

/**
 * The operators' console: server-rendered pages under {@code /admin/console/}, next to the JSON API under
 * {@code /admin/}. Exact and longer servlet mappings win over the JAX-RS application's {@code /admin/*}, on Undertow
 * and Grizzly alike. {@link ConsoleGuard} has checked the session and, for a POST, its origin and token.
 */
@WebServlet(name = "console", urlPatterns = {"/admin", "/admin/", "/admin/console/*"})
public class ConsoleServlet extends HttpServlet {
  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(ConsoleServlet.class.getName());
  private static final long serialVersionUID = 1L;
  static final String SIGN_IN = "/sign-in";
  static final String SIGN_OUT = "/sign-out";
  static final String CHALLENGES = "/challenges";
  static final String PENDING = "/pending";
  static final String CERTIFICATES = "/certificates";
  static final String PEM = "/certificates/pem";
  static final String ENDPOINTS = "/endpoints";
  static final String ACTIVITY = "/activity";
  static final String ASSETS = "/assets";

  private transient Map<String, ConsolePage> pages;
  private transient SignIn signIn;

  @Inject
  void wire(ConsoleSettings settings, AuditLog audit, EndpointOverview overview, ChallengeIssuance issuance,
      Approvals approvals, CertificateSearch search, Revocations revocations, Activity activity) {
    CertificatesPage certificates = new CertificatesPage(search, revocations);
    this.pages = Map.of(CHALLENGES, new ChallengesPage(overview, issuance), PENDING, new PendingPage(approvals),
        CERTIFICATES, certificates, PEM, certificates.pem(), ENDPOINTS, new EndpointsPage(overview),
        ACTIVITY, new ActivityPage(activity));
    this.signIn = new SignIn(settings, audit);
  }

  /** The page a request addresses, relative to {@code /admin/console}; "" for {@code /admin} and {@code /admin/}. */
  static String page(HttpServletRequest request) {
    if (!request.getServletPath().equals("/admin/console")) {
      return "";
    }
    String info = request.getPathInfo();
    return info == null || info.equals("/") ? "" : info;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String page = page(request);
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
      response.setHeader("Allow", "GET, HEAD, POST");
      ConsoleLayout.message(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Not allowed",
          "The console uses GET and POST.", request.getContextPath());
      return;
    }
    if (page.startsWith(ASSETS + "/")) {
      ConsoleAssets.serve(page.substring(ASSETS.length() + 1), response);
      return;
    }
    if (page.equals(SIGN_IN)) {
      signIn.serve(request, response);
      return;
    }
    ConsoleSession session = (ConsoleSession) request.getAttribute(ConsoleSession.ATTRIBUTE);
    if (page.equals(SIGN_OUT)) {
      signIn.signOut(request, response, session);
      return;
    }
    if (page.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader("Location", request.getContextPath() + "/admin/console"
          + (session.user().isOperator() ? PENDING : CHALLENGES));
      return;
    }
    ConsolePage handler = pages.get(page);
    if (handler == null) {
      ConsoleLayout.message(response, HttpServletResponse.SC_NOT_FOUND, "Not found", "There is no such console page.",
          request.getContextPath());
      return;
    }
    if (handler.operatorOnly() && !session.user().isOperator()) {
      ConsoleLayout.message(response, HttpServletResponse.SC_FORBIDDEN, "Not allowed",
          "This page is for operators (role scepra-operator).", request.getContextPath());
      return;
    }
    try {
      handler.serve(new ConsoleRequest(request, response, session));
    } catch (RuntimeException e) {
      failed(request, response, e);
    }
  }

  /** A page that failed says so plainly, never with the server's error page (Payara's shows SQL and stack traces). */
  private static void failed(HttpServletRequest request, HttpServletResponse response, RuntimeException e)
      throws IOException {
    if (response.isCommitted()) {
      throw e;
    }
    response.resetBuffer();
    if (DatabaseFaults.isDatabaseFault(e)) {
      LOG.warning("console page failed: database unavailable (" + e.getClass().getSimpleName() + ")");
      ConsoleLayout.message(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Database unavailable",
          "scepra cannot reach its database right now; try again in a moment.", request.getContextPath());
      return;
    }
    LOG.log(java.util.logging.Level.SEVERE, "console page failed", e);
    ConsoleLayout.message(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Something went wrong",
        "The page could not be shown; the server log has the details.", request.getContextPath());
  }
}
