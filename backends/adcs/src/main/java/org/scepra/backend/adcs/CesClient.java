package org.scepra.backend.adcs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Sends [MS-WSTEP] messages to one CES URL over HTTPS with the JDK's HttpClient and reads the
 * answer. Each call is bounded by the connect and read timeouts; answers over {@link #MAX_ANSWER}
 * bytes are refused (a certificate with its chain is a few KB).
 */
final class CesClient {

  static final int MAX_ANSWER = 1 << 20;

  private final HttpClient http;
  private final URI url;
  private final Optional<CesCredentials> credentials;
  private final Duration readTimeout;

  CesClient(AdcsSettings settings, SSLContext tls, Optional<CesCredentials> credentials) {
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(tls)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.url = settings.url();
    this.credentials = credentials;
    this.readTimeout = settings.readTimeout();
  }

  CesAnswer issue(byte[] pkcs10, String template) throws CesCallException {
    return send(WstepRequests.issue(url, credentials, pkcs10, template));
  }

  CesAnswer queryTokenStatus(String requestId) throws CesCallException {
    return send(WstepRequests.queryTokenStatus(url, credentials, requestId));
  }

  URI url() {
    return url;
  }

  private CesAnswer send(WstepRequests.Message message) throws CesCallException {
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(readTimeout)
        .header("Content-Type", Wstep.CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofByteArray(message.xml()))
        .build();
    HttpResponse<InputStream> response;
    byte[] body;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_ANSWER + 1);
      }
    } catch (IOException e) {
      throw new CesCallException("CES at " + url + " unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CesCallException("interrupted while waiting for CES", e);
    }
    if (body.length > MAX_ANSWER) {
      throw new CesCallException("CES's answer is larger than " + MAX_ANSWER + " bytes");
    }
    int status = response.statusCode();
    if (status != 200 && status != 500) {
      throw new CesCallException("CES at " + url + " answered HTTP " + status);
    }
    CesAnswer answer = WstepResponses.parse(body, message.messageId());
    if (status == 500 && !(answer instanceof CesAnswer.Fault)) {
      throw new CesCallException("CES answered HTTP 500 without a SOAP fault");
    }
    return answer;
  }
}
