package org.scepra.web.signin;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a user name and password against the application server's own realm (the users and groups the admin API's
 * HTTP Basic uses), through the Servlet API's programmatic login, and reads the user's scepra roles. The same call
 * works unchanged on WildFly (Elytron) and Payara, where the server's login mechanisms would need server changes;
 * the container's identity is dropped again at once, so nothing but the caller decides what the result is used for.
 */
public final class ServerRealm {

  private ServerRealm() {}

  /** A signed-in user and the scepra roles they hold (possibly none). */
  public record User(String name, Set<Role> roles) implements java.io.Serializable {
    public boolean has(Role role) {
      return roles.contains(role);
    }

    public boolean isOperator() {
      return roles.contains(Role.OPERATOR);
    }

    public boolean mayMintChallenges() {
      return roles.contains(Role.OPERATOR) || roles.contains(Role.CHALLENGE_ISSUER);
    }
  }

  /** scepra's roles, as declared in web.xml. */
  public enum Role {
    OPERATOR("scepra-operator"),
    CHALLENGE_ISSUER("scepra-challenge-issuer");

    private final String roleName;

    Role(String roleName) {
      this.roleName = roleName;
    }

    public String roleName() {
      return roleName;
    }
  }

  /** Empty when the realm refuses the name and password. */
  public static Optional<User> authenticate(HttpServletRequest request, String name, String password) {
    if (name == null || name.isEmpty() || password == null || password.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (request.getUserPrincipal() != null) {
        // WildFly has already authenticated a request that carries Basic credentials, even on a path without a
        // constraint; start again from nothing so that exactly these credentials are checked
        request.logout();
      }
      request.login(name, password);
    } catch (ServletException e) {
      return Optional.empty();
    }
    try {
      Set<Role> roles = EnumSet.noneOf(Role.class);
      for (Role role : Role.values()) {
        if (request.isUserInRole(role.roleName())) {
          roles.add(role);
        }
      }
      return Optional.of(new User(name, Set.copyOf(roles)));
    } finally {
      try {
        request.logout();
      } catch (ServletException e) {
        // the identity lived for this request only anyway
      }
    }
  }
}
