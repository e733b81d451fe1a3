package org.scepra.ra.intune;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS for one Intune endpoint: the endpoint's trust, its connect and answer timeouts on every call, no
 * redirects, the JVM's proxy settings ({@code https.proxyHost}, {@code https.proxyPort}, {@code http.nonProxyHosts}:
 * servers that may reach Microsoft only through a proxy). The truststore is read at the first call (the files of a
 * deployment may be put in place after it), and read again at the next call while it is unusable.
 */
final class IntuneHttp {

  /**
   * An HTTP answer.
   *
   * @param clientRequestId the client-request-id of the call that got it (a throttled call is sent again with a
   *     new one)
   */
  record Answer(int status, String body, String clientRequestId) {
    /** The body as a JSON object, if it is one. */
    Optional<JsonObject> json() {
      try (var reader = Json.createReader(new StringReader(body))) {
        return Optional.of(reader.readObject());
      } catch (JsonException | IllegalStateException e) {
        return Optional.empty();
      }
    }
  }

  private static final Logger LOG = Logger.getLogger(IntuneHttp.class.getName());

  private final IntuneSettings settings;
  private final Throttling throttling;
  private volatile HttpClient client;

  IntuneHttp(IntuneSettings settings) {
    this(settings, new Throttling());
  }

  IntuneHttp(IntuneSettings settings, Throttling throttling) {
    this.settings = settings;
    this.throttling = throttling;
  }

  /** A request to {@code uri} with the answer timeout and a client-request-id. */
  HttpRequest.Builder request(URI uri, String clientRequestId) {
    return HttpRequest.newBuilder(uri).timeout(settings.timeout()).header("client-request-id", clientRequestId)
        .header("User-Agent", settings.providerName());
  }

  /**
   * Sends {@code request}, and sends it again (with a new client-request-id) after a throttled answer, once the
   * wait the service asked for has passed, while the waits add up to no more than {@code intune.throttle-wait-ms}.
   * A call the service's quiet window would outlast that is not sent at all.
   */
  Answer send(HttpRequest request, String clientRequestId) throws IntuneCallException {
    String service = Throttling.service(request.uri());
    HttpRequest attempt = request;
    String attemptId = clientRequestId;
    Duration waited = Duration.ZERO;
    int throttledAnswers = 0;
    while (true) {
      Duration wait = throttling.remaining(service);
      if (!wait.isZero()) {
        if (waited.plus(wait).compareTo(settings.throttleWait()) > 0) {
          throw throttled(request, "for another " + seconds(wait) + " s, beyond what scepra.endpoint."
              + settings.alias() + ".intune.throttle-wait-ms (" + settings.throttleWait().toMillis()
              + ") lets a call wait", attemptId);
        }
        LOG.info(where(request) + " of Intune endpoint " + settings.alias() + ": the service throttles, "
            + "waiting " + wait.toMillis() + " ms as it asked");
        pause(wait, request, attemptId);
        waited = waited.plus(wait);
      }
      Received answer = once(attempt, attemptId);
      if (!Throttling.throttles(answer.status(), answer.retryAfter())) {
        return new Answer(answer.status(), answer.body(), attemptId);
      }
      throttledAnswers++;
      throttling.quiet(service, throttling.wait(answer.retryAfter(), throttledAnswers));
      if (throttledAnswers >= Throttling.MAX_THROTTLED_ANSWERS) {
        throw throttled(request, throttledAnswers + " times in a row (HTTP " + answer.status() + ")", attemptId);
      }
      attemptId = UUID.randomUUID().toString();
      attempt = HttpRequest.newBuilder(request, (name, value) -> !"client-request-id".equalsIgnoreCase(name))
          .header("client-request-id", attemptId).build();
    }
  }

  /** An answer as received, with its Retry-After. */
  private record Received(int status, String body, Optional<Duration> retryAfter) {}

  private Received once(HttpRequest request, String clientRequestId) throws IntuneCallException {
    String where = where(request);
    try {
      HttpResponse<String> response = client(clientRequestId).send(request,
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Received(response.statusCode(), response.body(),
          throttling.retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
    } catch (HttpConnectTimeoutException | ConnectException | SSLHandshakeException e) {
      throw new IntuneCallException(IntuneCallException.Kind.CONNECTION, 0,
          where + ": no connection (" + e.getClass().getSimpleName() + ")", clientRequestId);
    } catch (HttpTimeoutException e) {
      throw new IntuneCallException(IntuneCallException.Kind.TIMEOUT, 0,
          where + ": no answer within " + settings.timeout().toMillis() + " ms", clientRequestId);
    } catch (IOException e) {
      // the JDK reports an unknown host or a reset connection as a plain IOException (with a cause)
      throw new IntuneCallException(IntuneCallException.Kind.CONNECTION, 0,
          where + ": " + e.getClass().getSimpleName() + " " + rootCause(e), clientRequestId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IntuneCallException(IntuneCallException.Kind.TIMEOUT, 0, where + ": interrupted", clientRequestId);
    }
  }

  /** Not sent, or not answered, because the service throttles this endpoint {@code how}. */
  private static IntuneCallException throttled(HttpRequest request, String how, String clientRequestId) {
    return new IntuneCallException(IntuneCallException.Kind.THROTTLED, 0,
        where(request) + ": throttled by the service " + how, clientRequestId);
  }

  private void pause(Duration wait, HttpRequest request, String clientRequestId) throws IntuneCallException {
    try {
      Thread.sleep(Math.max(1, wait.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IntuneCallException(IntuneCallException.Kind.TIMEOUT, 0, where(request) + ": interrupted",
          clientRequestId);
    }
  }

  private static long seconds(Duration wait) {
    return (wait.toMillis() + 999) / 1000;
  }

  private static String where(HttpRequest request) {
    return request.method() + " " + request.uri().getHost() + ":" + port(request.uri());
  }

  private HttpClient client(String clientRequestId) throws IntuneCallException {
    HttpClient current = client;
    if (current == null) {
      synchronized (this) {
        current = client;
        if (current == null) {
          current = HttpClient.newBuilder().connectTimeout(settings.timeout())
              .followRedirects(HttpClient.Redirect.NEVER).proxy(java.net.ProxySelector.getDefault())
              .sslContext(sslContext(clientRequestId)).build();
          client = current;
        }
      }
    }
    return current;
  }

  private SSLContext sslContext(String clientRequestId) throws IntuneCallException {
    if (settings.truststore().isEmpty()) {
      try {
        return SSLContext.getDefault();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JVM has no default TLS context", e);
      }
    }
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(settings.truststore().get())) {
        trust.load(in, settings.truststorePassword().orElseThrow().toCharArray());
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IntuneCallException(IntuneCallException.Kind.SETUP, 0, "scepra.endpoint." + settings.alias()
          + ".intune.truststore: cannot open " + settings.truststore().get()
          + " as PKCS#12 (missing file or wrong password?)", clientRequestId);
    }
  }

  private static int port(URI uri) {
    return uri.getPort() == -1 ? 443 : uri.getPort();
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
