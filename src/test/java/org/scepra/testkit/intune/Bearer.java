package org.scepra.testkit.intune;

import com.sun.net.httpserver.HttpExchange;

/** The bearer token check of every service: issued by the double, for this service's scope, not expired. */
final class Bearer {

  private Bearer() {}

  static boolean valid(IntuneDouble state, HttpExchange exchange, String scope) {
    String authorization = Exchanges.header(exchange, "Authorization");
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    IntuneDouble.IssuedToken token = state.tokens.get(authorization.substring("Bearer ".length()));
    return token != null && token.scope().equals(scope) && state.clock.instant().isBefore(token.expiresAt());
  }
}
