package org.scepra.web.mscep;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.scepra.ra.admin.AdminResult;
import org.scepra.ra.audit.AuditEvent;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.challenge.ChallengeIssuance;
import org.scepra.ra.endpoint.Endpoints;
import org.scepra.web.signin.BasicCredentials;
import org.scepra.web.signin.ServerRealm;

/**
 * NDES's challenge page, {@code /certsrv/mscep_admin/} (also {@code default.asp}): a GET with HTTP Basic credentials
 * of a user with role scepra-operator or scepra-challenge-issuer mints a one-time challenge for the compatibility
 * endpoint, exactly as {@code POST /admin/challenges/{alias}} does (same cap, hash-only storage, audit line).
 * Authentication is done here, not by a web.xml constraint, so that a user without either role gets NDES's own
 * refusal text rather than the container's error page.
 */
@WebServlet(name = "mscep-admin", urlPatterns = {"/certsrv/mscep_admin", "/certsrv/mscep_admin/*"})
public class MscepAdminServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private transient ChallengeIssuance issuance;
  private transient Endpoints endpoints;
  private transient AuditLog audit;

  @Inject
  void wire(ChallengeIssuance issuance, Endpoints endpoints, AuditLog audit) {
    this.issuance = issuance;
    this.endpoints = endpoints;
    this.audit = audit;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String page = request.getPathInfo();
    if (page != null && !page.equals("/") && !page.equalsIgnoreCase("/default.asp")) {
      plain(response, HttpServletResponse.SC_NOT_FOUND, "no such page");
      return;
    }
    if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
      response.setHeader("Allow", "GET, HEAD");
      plain(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "this page is read with GET");
      return;
    }
    Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeader("Authorization"));
    Optional<ServerRealm.User> user = credentials.flatMap(c -> ServerRealm.authenticate(request, c.name(),
        c.password()));
    if (user.isEmpty()) {
      credentials.ifPresent(c -> refusal(c.name(), "UNAUTHORIZED", "user name or password refused"));
      response.setHeader("WWW-Authenticate", "Basic realm=\"scepra\", charset=\"UTF-8\"");
      plain(response, HttpServletResponse.SC_UNAUTHORIZED, "sign in with your scepra user name and password");
      return;
    }
    String alias = endpoints.compatAlias();
    if (!user.get().mayMintChallenges()) {
      refusal(user.get().name(), "FORBIDDEN", "needs role scepra-operator or scepra-challenge-issuer");
      html(response, HttpServletResponse.SC_FORBIDDEN, MscepAdminPage.noPermission());
      return;
    }
    ChallengeIssuance.Result result;
    try {
      result = issuance.mint(alias, user.get().name(), Optional.empty(), Optional.empty());
    } catch (RuntimeException e) {
      plain(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the CA is unavailable, try again later");
      return;
    }
    if (result instanceof ChallengeIssuance.Minted minted) {
      ChallengeIssuance.Issued issued = minted.issued();
      html(response, HttpServletResponse.SC_OK, MscepAdminPage.challenge(issued.challenge(),
          issued.caThumbprintSha1(), issued.caThumbprintSha256(), Duration.between(Instant.now(),
              issued.expiresAt())));
    } else if (((ChallengeIssuance.Refused) result).reason().kind() == AdminResult.Kind.CONFLICT) {
      // NDES answers its full cache with a page; MDMs recognise the sentence
      html(response, HttpServletResponse.SC_OK, MscepAdminPage.cacheFull());
    } else {
      html(response, HttpServletResponse.SC_NOT_FOUND, MscepAdminPage.notEnabled(alias));
    }
  }

  private void refusal(String name, String outcome, String reason) {
    audit.record(AuditEvent.admin("mscepAdmin", name, endpoints.compatAlias(), null, null, outcome, reason, null));
  }

  private static void html(HttpServletResponse response, int status, byte[] page) throws IOException {
    response.setStatus(status);
    noStore(response);
    response.setContentType(MscepAdminPage.CONTENT_TYPE);
    response.setContentLength(page.length);
    response.getOutputStream().write(page);
  }

  private static void plain(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    noStore(response);
    response.setContentType("text/plain;charset=UTF-8");
    response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The page carries a live secret: never cached, framed or sniffed. */
  private static void noStore(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    response.setHeader("Referrer-Policy", "no-referrer");
  }
}
