package org.scepra.backend.adcs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The CA's CRL, fetched from the CRL distribution point AD CS publishes it at ({@code crl-url},
 * http or https; [MS-WSTEP] has no CRL call). It is handed out only if the issuing CA signed it.
 */
final class CdpCrl {

  static final int MAX_CRL = 16 << 20;

  private final Optional<URI> url;
  private final HttpClient http;
  private final Duration readTimeout;

  CdpCrl(AdcsSettings settings, SSLContext tls) {
    this.url = settings.crlUrl();
    this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.readTimeout = settings.readTimeout();
  }

  /**
   * @throws IllegalStateException if the CRL cannot be fetched or is not the issuing CA's
   */
  Optional<X509CRL> fetch(String alias, List<X509Certificate> chain) {
    if (url.isEmpty()) {
      return Optional.empty();
    }
    byte[] body;
    try {
      HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url.get()).timeout(readTimeout).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_CRL + 1);
      }
      if (response.statusCode() != 200 || body.length > MAX_CRL) {
        throw new IllegalStateException("AD CS endpoint " + alias + ": the CRL at " + url.get() + " answered HTTP "
            + response.statusCode() + (body.length > MAX_CRL ? " with over " + MAX_CRL + " bytes" : ""));
      }
    } catch (IOException e) {
      throw new IllegalStateException("AD CS endpoint " + alias + ": the CRL at " + url.get() + " is unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching the CRL", e);
    }
    try {
      X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(body));
      X509Certificate ca = chain.get(0);
      crl.verify(ca.getPublicKey());
      return Optional.of(crl);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("AD CS endpoint " + alias + ": the CRL at " + url.get()
          + " is not a CRL signed by the issuing CA", e);
    }
  }
}
