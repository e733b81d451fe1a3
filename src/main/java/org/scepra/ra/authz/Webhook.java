package org.scepra.ra.authz;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * External validation, the shape MDMs use: before issuing, POST the request (alias,
 * transactionID, CSR in PEM, challenge) to an HTTPS URL; 2xx allows, anything else, an error or a
 * timeout denies. Optionally POSTs the outcome to a notification URL afterwards (best effort).
 */
@ApplicationScoped
public class Webhook {
  static final String MODE = "webhook";
  private static final Logger LOG = Logger.getLogger(Webhook.class.getName());

  private final Map<AuthorizationSettings.Webhook, HttpClient> clients = new ConcurrentHashMap<>();

  Decision validate(EnrollmentContext context, AuthorizationSettings.Webhook webhook, String challenge) {
    JsonObject body = Json.createObjectBuilder()
        .add("alias", context.endpoint().alias())
        .add("transactionId", context.request().transactionId().value())
        .add("csr", pem(context))
        .add("challenge", challenge == null ? "" : challenge)
        .build();
    try {
      HttpResponse<Void> response = client(webhook).send(request(webhook.url(), webhook, body),
          HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 == 2) {
        return new Decision.Allow(MODE);
      }
      LOG.info(() -> "webhook of endpoint " + context.endpoint().alias() + " answered " + response.statusCode());
      return Decision.deny("the request was not approved by the validation service", MODE);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "webhook of endpoint " + context.endpoint().alias() + " failed: " + e);
      return Decision.deny("the validation service could not be reached", MODE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Decision.deny("the validation service could not be reached", MODE);
    }
  }

  /** Fire-and-forget notification of the outcome; failures are logged, never shown to the device. */
  public void notifyOutcome(AuthorizationSettings.Webhook webhook, String alias, String transactionId, String outcome,
      String detail) {
    if (webhook.notifyUrl().isEmpty()) {
      return;
    }
    JsonObject body = Json.createObjectBuilder().add("alias", alias).add("transactionId", transactionId)
        .add("outcome", outcome).add("detail", detail == null ? "" : detail).build();
    client(webhook).sendAsync(request(webhook.notifyUrl().get(), webhook, body), HttpResponse.BodyHandlers.discarding())
        .exceptionally(e -> {
          LOG.warning("webhook notification for " + transactionId + " failed: " + e);
          return null;
        });
  }

  private static HttpRequest request(java.net.URI url, AuthorizationSettings.Webhook webhook, JsonObject body) {
    return HttpRequest.newBuilder(url).timeout(webhook.timeout()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
  }

  private HttpClient client(AuthorizationSettings.Webhook webhook) {
    return clients.computeIfAbsent(webhook, w -> HttpClient.newBuilder().connectTimeout(w.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).sslContext(sslContext(w)).build());
  }

  private static SSLContext sslContext(AuthorizationSettings.Webhook webhook) {
    try {
      if (webhook.truststore().isEmpty()) {
        return SSLContext.getDefault();
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(webhook.truststore().get())) {
        trust.load(in, webhook.truststorePassword().map(String::toCharArray).orElse(null));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("webhook truststore " + webhook.truststore().orElse(null) + " is unusable", e);
    }
  }

  private static String pem(EnrollmentContext context) {
    try {
      return "-----BEGIN CERTIFICATE REQUEST-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(context.csr().getEncoded())
          + "\n-----END CERTIFICATE REQUEST-----\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
