package org.scepra.web.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.scepra.web.signin.ServerRealm;

/**
 * A signed-in operator's console session: who, with which roles, the token every form must return, and when it was
 * last used. The idle limit is checked here as well as by the container, so that it holds whatever the server's own
 * session settings are.
 */
public record ConsoleSession(ServerRealm.User user, String csrfToken, Instant lastUsed)
    implements java.io.Serializable {
  static final String ATTRIBUTE = "scepra.console.session";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Starts a session for a user the realm accepted: a new session id, so no id set before sign-in survives it. */
  public static ConsoleSession start(HttpServletRequest request, ServerRealm.User user, Duration timeout,
      Instant now) {
    HttpSession old = request.getSession(false);
    if (old != null) {
      old.invalidate();
    }
    HttpSession session = request.getSession(true);
    session.setMaxInactiveInterval((int) timeout.toSeconds());
    byte[] token = new byte[32];
    RANDOM.nextBytes(token);
    ConsoleSession started = new ConsoleSession(user, Base64.getUrlEncoder().withoutPadding().encodeToString(token),
        now);
    session.setAttribute(ATTRIBUTE, started);
    return started;
  }

  /** The request's live session, touched; empty when there is none or it sat idle too long (then it is ended). */
  public static Optional<ConsoleSession> current(HttpServletRequest request, Duration timeout, Instant now) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof ConsoleSession found)) {
      return Optional.empty();
    }
    if (found.expired(timeout, now)) {
      session.invalidate();
      return Optional.empty();
    }
    ConsoleSession touched = new ConsoleSession(found.user, found.csrfToken, now);
    session.setAttribute(ATTRIBUTE, touched);
    return Optional.of(touched);
  }

  public static void end(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }

  public boolean expired(Duration timeout, Instant now) {
    return !now.isBefore(lastUsed.plus(timeout));
  }

  /** Constant-time comparison with the token a form sent back. */
  public boolean tokenMatches(String sent) {
    return sent != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.US_ASCII),
        sent.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "ConsoleSession[user=" + user.name() + ", lastUsed=" + lastUsed + "]";
  }
}
