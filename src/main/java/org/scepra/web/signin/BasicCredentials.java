package org.scepra.web.signin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The user name and password of an {@code Authorization: Basic} header (RFC 7617; UTF-8, as browsers send). */
public record BasicCredentials(String name, String password) {

  public static Optional<BasicCredentials> parse(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
  }

  /** Never the password. */
  @Override
  public String toString() {
    return "BasicCredentials[name=" + name.replaceAll("\\p{Cntrl}", "?") + "]";
  }
}
