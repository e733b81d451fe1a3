package org.scepra.web.guard;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a browser's cross-site request from the operator's own. Browsers send {@code Sec-Fetch-Site} with every
 * request and {@code Origin} with every POST; a page on another site can hide neither. Scripts (curl, MDMs) send
 * neither and are judged by the other rules (JSON only, credentials).
 *
 * <p>Origin is compared with the request's {@code Host} by host name, and by port only where both name one: behind
 * a TLS-terminating proxy the browser's {@code https://host} reaches scepra as plain HTTP for {@code Host: host}.
 */
public final class CrossSiteRequests {

  private CrossSiteRequests() {}

  /** Why the request must be refused, or empty when nothing says it came from another site. */
  public static Optional<String> refusal(String origin, String secFetchSite, String host) {
    if (secFetchSite != null && !secFetchSite.isBlank()) {
      String site = secFetchSite.trim().toLowerCase(Locale.ROOT);
      if (!site.equals("same-origin") && !site.equals("none")) {
        return Optional.of("Sec-Fetch-Site is " + site);
      }
    }
    if (origin == null || origin.isBlank()) {
      return Optional.empty();
    }
    if (!sameHost(origin.trim(), host)) {
      return Optional.of("Origin " + origin.trim() + " is not this server");
    }
    return Optional.empty();
  }

  /** Whether a Content-Type header names JSON (parameters such as charset allowed). */
  public static boolean isJson(String contentType) {
    return contentType != null
        && contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json");
  }

  private static boolean sameHost(String origin, String host) {
    if (host == null || host.isBlank() || origin.equals("null")) {
      return false;
    }
    URI originUri;
    URI hostUri;
    try {
      originUri = new URI(origin);
      hostUri = new URI("http://" + host.trim());
    } catch (Exception e) {
      return false;
    }
    if (originUri.getHost() == null || hostUri.getHost() == null || originUri.getPath() != null
        && !originUri.getPath().isEmpty()) {
      return false;
    }
    if (!originUri.getHost().equalsIgnoreCase(hostUri.getHost())) {
      return false;
    }
    return originUri.getPort() == -1 || hostUri.getPort() == -1 || originUri.getPort() == hostUri.getPort();
  }
}
