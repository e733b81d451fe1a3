package org.scepra.web.scep;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.scepra.ra.endpoint.EndpointSettings;

/**
 * Which endpoint alias a request path addresses: {@code /scep/<alias>} (optionally followed by
 * {@code /pkiclient.exe}, as clients append it), or the configured default for {@code /scep} and
 * the hard-coded client paths ({@code /cgi-bin/pkiclient.exe}, NDES's {@code mscep.dll}).
 */
final class ScepPaths {
  static final String SCEP = "/scep";

  private ScepPaths() {}

  static Optional<String> alias(HttpServletRequest request, String compatAlias) {
    String pathInfo = request.getPathInfo();
    if (pathInfo == null || pathInfo.equals("/") || pathInfo.equals("/pkiclient.exe")) {
      return Optional.of(compatAlias);
    }
    if (!SCEP.equals(request.getServletPath())) {
      return Optional.empty();
    }
    String[] segments = pathInfo.substring(1).split("/", -1);
    boolean shapeOk = segments.length == 1 || (segments.length == 2 && segments[1].equals("pkiclient.exe"));
    if (!shapeOk || !EndpointSettings.isValidAlias(segments[0])) {
      return Optional.empty();
    }
    return Optional.of(segments[0]);
  }
}
