package org.scepra.backend.adcs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Serves the CES double over HTTPS on 127.0.0.1 at the two URLs an AD CS admin gets from installing
 * CES once per authentication type, plus the CA's CRL at its CDP path. TLS asks for a client
 * certificate and trusts only the issuing CA; the Certificate instance refuses callers without one
 * with IIS's 403 (as "Require SSL client certificates" does), then every message goes through
 * {@link CesRequestCheck} and {@link CesService}.
 */
final class CesDoubleServer implements AutoCloseable {

  static final String CA_NAME = "ContosoIssuingCA";
  static final String CERTIFICATE_PATH = "/" + CA_NAME + "_CES_Certificate/service.svc/CES";
  static final String USERNAME_PATH = "/" + CA_NAME + "_CES_UsernamePassword/service.svc/CES";
  static final String CRL_PATH = "/CertEnroll/" + CA_NAME + ".crl";

  final List<String> requests = new CopyOnWriteArrayList<>();
  volatile long delayMillis;
  private final HttpsServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CesService service;

  private CesDoubleServer(CesPki pki, CesService service, int port) throws Exception {
    this.service = service;
    SSLContext tls = tls(pki);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters parameters = tls.getDefaultSSLParameters();
        parameters.setWantClientAuth(true);
        params.setSSLParameters(parameters);
      }
    });
    server.createContext(CERTIFICATE_PATH, exchange -> handle(exchange, false));
    server.createContext(USERNAME_PATH, exchange -> handle(exchange, true));
    server.createContext(CRL_PATH, this::crl);
    server.setExecutor(executor);
    server.start();
  }

  static CesDoubleServer start(CesPki pki, CesService service, int port) throws Exception {
    return new CesDoubleServer(pki, service, port);
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI url(boolean username) {
    return URI.create("https://127.0.0.1:" + port() + (username ? USERNAME_PATH : CERTIFICATE_PATH));
  }

  URI crlUrl() {
    return URI.create("https://127.0.0.1:" + port() + CRL_PATH);
  }

  private void handle(HttpExchange exchange, boolean username) throws IOException {
    try (exchange) {
      byte[] body = readBody(exchange);
      stall();
      requests.add(new String(body, StandardCharsets.UTF_8));
      if (!exchange.getRequestURI().getPath().equals(username ? USERNAME_PATH : CERTIFICATE_PATH)) {
        send(exchange, 404, "text/html", "404 - File or directory not found.");
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/html", "405 - HTTP verb used to access this page is not allowed.");
        return;
      }
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null || !contentType.toLowerCase().startsWith("application/soap+xml")) {
        send(exchange, 415, "text/plain", "Cannot process the message because the content type '" + contentType
            + "' was not the expected type 'application/soap+xml; charset=utf-8'.");
        return;
      }
      if (!username && !hasClientCertificate(exchange)) {
        send(exchange, 403, "text/html", "403 - Forbidden: Access is denied. (403.7 client certificate required)");
        return;
      }
      CesService.Reply reply = service.answer(body, url(username), username);
      send(exchange, reply.status(), reply.contentType(), reply.body());
    } catch (RuntimeException e) {
      e.printStackTrace();
    }
  }

  private void crl(HttpExchange exchange) throws IOException {
    try (exchange) {
      readBody(exchange);
      exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
      byte[] crl = service.crl();
      exchange.sendResponseHeaders(200, crl.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(crl);
      }
    }
  }

  private void stall() {
    long delay = delayMillis;
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static boolean hasClientCertificate(HttpExchange exchange) {
    try {
      return ((HttpsExchange) exchange).getSSLSession().getPeerCertificates().length > 0;
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, String text) throws IOException {
    send(exchange, status, contentType, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static SSLContext tls(CesPki pki) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("tls", pki.tlsKeys.getPrivate(), new char[0], CesPki.chain(pki.tls, pki.issuing, pki.root));
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, new char[0]);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("issuing", pki.issuing);
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
