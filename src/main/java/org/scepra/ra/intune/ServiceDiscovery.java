package org.scepra.ra.intune;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Where the tenant's Intune services are: its scale unit's URLs, listed by Microsoft Graph as the endpoints of
 * Intune's service principal. Kept until a call to a service fails in a way that says it may have moved.
 */
final class ServiceDiscovery {
  /** Intune's application id, the same in every tenant. */
  static final String INTUNE_APP_ID = "0000000a-0000-0000-c000-000000000000";
  static final String SCEP_VALIDATION = "ScepRequestValidationFEService";
  static final String PKI_CONNECTOR = "PkiConnectorFEService";

  private final IntuneSettings settings;
  private final IntuneHttp http;
  private final EntraTokens tokens;
  private volatile Map<String, URI> services;

  ServiceDiscovery(IntuneSettings settings, IntuneHttp http, EntraTokens tokens) {
    this.settings = settings;
    this.http = http;
    this.tokens = tokens;
  }

  /** The base URL of the service named {@code providerName}, discovering the tenant's services if need be. */
  URI service(String providerName) throws IntuneCallException {
    Map<String, URI> known = services;
    if (known == null) {
      known = discover();
      services = known;
    }
    URI uri = known.get(providerName.toLowerCase(Locale.ROOT));
    if (uri == null) {
      throw new IntuneCallException(IntuneCallException.Kind.NOT_JSON, 0, "Microsoft Graph lists no service named "
          + providerName + " for Intune in this tenant (Intune not licensed, or the app lacks Application.Read.All?)",
          null);
    }
    return uri;
  }

  /** Forgets the services' URLs: the next call asks Graph again. */
  void forget() {
    services = null;
  }

  private Map<String, URI> discover() throws IntuneCallException {
    URI uri = settings.graphUrl().resolve("v1.0/servicePrincipals/appId=" + INTUNE_APP_ID + "/endpoints");
    IntuneHttp.Answer answer = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      String requestId = UUID.randomUUID().toString();
      String token = tokens.token(EntraTokens.GRAPH);
      answer = http.send(http.request(uri, requestId).header("Authorization", "Bearer " + token)
          .header("Accept", "application/json").GET().build(), requestId);
      if (answer.status() != 401) {
        break;
      }
      tokens.forget(EntraTokens.GRAPH, token);
    }
    JsonObject json = answer.json().orElse(null);
    if (answer.status() != 200) {
      throw IntuneCallException.http(answer.status(), "Microsoft Graph refused service discovery: HTTP "
          + answer.status() + GraphErrors.code(json), answer.clientRequestId());
    }
    if (json == null || !(json.get("value") instanceof JsonArray value)) {
      throw new IntuneCallException(IntuneCallException.Kind.NOT_JSON, 0,
          "Microsoft Graph's service list is not the JSON expected", answer.clientRequestId());
    }
    Map<String, URI> found = new HashMap<>();
    for (JsonValue entry : value) {
      if (entry instanceof JsonObject service && service.get("providerName") instanceof JsonString name
          && service.get("uri") instanceof JsonString address) {
        try {
          URI serviceUri = URI.create(address.getString().replaceAll("/+$", ""));
          if ("https".equalsIgnoreCase(serviceUri.getScheme()) && serviceUri.getHost() != null) {
            found.putIfAbsent(name.getString().toLowerCase(Locale.ROOT), serviceUri);
          }
        } catch (IllegalArgumentException e) {
          // not a URL: as if not listed
        }
      }
    }
    return Map.copyOf(found);
  }
}
