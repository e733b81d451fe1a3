package org.scepra.web.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.scepra.ra.audit.AuditEvent;
import org.scepra.ra.audit.AuditLog;
import org.scepra.web.html.Html;
import org.scepra.web.signin.ServerRealm;

/**
 * Sign-in with a form against the server's own realm (the same users and roles as the admin API's Basic), and
 * sign-out. The form and a session, rather than the browser's Basic prompt, give sign-out and an idle timeout; the
 * realm check is the Servlet API's programmatic login, which works unchanged on WildFly and Payara, where the
 * container's FORM login would take the place of the BASIC login that scripts and MDMs use.
 */
final class SignIn {
  private final ConsoleSettings settings;
  private final AuditLog audit;

  SignIn(ConsoleSettings settings, AuditLog audit) {
    this.settings = settings;
    this.audit = audit;
  }

  void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!request.getMethod().equals("POST")) {
      form(request, response, HttpServletResponse.SC_OK, request.getParameter("signed-out") != null
          ? ConsoleLayout.status("You have signed out.", true) : "");
      return;
    }
    String name = request.getParameter("username");
    Optional<ServerRealm.User> user = ServerRealm.authenticate(request, name, request.getParameter("password"));
    if (user.isEmpty() || user.get().roles().isEmpty()) {
      record(name, "signIn", user.isEmpty() ? "UNAUTHORIZED" : "FORBIDDEN",
          user.isEmpty() ? "user name or password refused" : "no scepra role");
      response.setHeader("WWW-Authenticate", "Form realm=\"scepra\"");
      form(request, response, user.isEmpty() ? HttpServletResponse.SC_UNAUTHORIZED : HttpServletResponse.SC_FORBIDDEN,
          ConsoleLayout.status(user.isEmpty() ? "The user name or password is wrong."
              : "This user has no scepra role (scepra-operator or scepra-challenge-issuer).", false));
      return;
    }
    ConsoleSession.start(request, user.get(), settings.sessionTimeout(), Instant.now());
    record(user.get().name(), "signIn", "DONE", "roles " + user.get().roles());
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", request.getContextPath() + "/admin/");
  }

  void signOut(HttpServletRequest request, HttpServletResponse response, ConsoleSession session) throws IOException {
    if (!request.getMethod().equals("POST")) {
      response.setHeader("Allow", "POST");
      ConsoleLayout.message(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Sign out",
          "Use the Sign out button.", request.getContextPath());
      return;
    }
    ConsoleSession.end(request);
    record(session.user().name(), "signOut", "DONE", null);
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", request.getContextPath() + "/admin/console" + ConsoleServlet.SIGN_IN
        + "?signed-out");
  }

  private void record(String user, String action, String outcome, String reason) {
    audit.record(AuditEvent.admin(action, user, null, null, null, outcome, reason, null));
  }

  private static void form(HttpServletRequest request, HttpServletResponse response, int status, String notice)
      throws IOException {
    String action = Html.text(request.getContextPath() + "/admin/console" + ConsoleServlet.SIGN_IN);
    ConsoleLayout.write(response, status, ConsoleLayout.bare(request.getContextPath(), "Sign in to scepra", notice
        + "<form method=\"post\" action=\"" + action + "\" class=\"signin\">"
        + "<label for=\"username\">User name</label>"
        + "<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus>"
        + "<label for=\"password\">Password</label>"
        + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
        + "<button type=\"submit\">Sign in</button></form>"
        + "<p class=\"hint\">Your application server user, with role scepra-operator or scepra-challenge-issuer."
        + "</p>"));
  }
}
