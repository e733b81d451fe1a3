package org.scepra.backend.ejbca;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import jakarta.xml.ws.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Serves the EJBCA double with jaxws-rt's Endpoint on the JDK's HTTPS server, bound to 127.0.0.1
 * on a free port (or a fixed one). TLS trusts only the management CA and, like EJBCA's 8443
 * listener, requires a client certificate (or, for the no-certificate capture, only requests one).
 * A filter records request bodies, can stall requests, and hands the client certificate to the
 * service.
 */
final class DoubleServer implements AutoCloseable {

  static final String PATH = "/ejbca/ejbcaws/ejbcaws";
  private static final ThreadLocal<X509Certificate> PEER = new ThreadLocal<>();

  final List<String> requests = new CopyOnWriteArrayList<>();
  volatile long delayMillis;
  private final HttpsServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Endpoint endpoint;

  private DoubleServer(TestPki pki, EjbcaDouble ejbca, boolean clientCertRequired, int port) throws Exception {
    SSLContext tls = serverTls(pki);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters parameters = tls.getDefaultSSLParameters();
        if (clientCertRequired) {
          parameters.setNeedClientAuth(true);
        } else {
          parameters.setWantClientAuth(true);
        }
        params.setSSLParameters(parameters);
      }
    });
    HttpContext context = server.createContext(PATH);
    context.getFilters().add(new Recorder());
    server.setExecutor(executor);
    endpoint = Endpoint.create(new EjbcaDoubleWs(ejbca));
    endpoint.publish(context);
    server.start();
  }

  static DoubleServer start(TestPki pki, EjbcaDouble ejbca) throws Exception {
    return new DoubleServer(pki, ejbca, true, 0);
  }

  /** On a fixed port, for a server configured in advance (see {@link StandaloneEjbcaDouble}). */
  static DoubleServer start(TestPki pki, EjbcaDouble ejbca, int port) throws Exception {
    return new DoubleServer(pki, ejbca, true, port);
  }

  /** Like EJBCA's listener with verify-client=REQUESTED: a request without a certificate gets in. */
  static DoubleServer startCertificateOptional(TestPki pki, EjbcaDouble ejbca) throws Exception {
    return new DoubleServer(pki, ejbca, false, 0);
  }

  URI url() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** The client certificate of the request being handled on this thread. */
  static Optional<X509Certificate> peer() {
    return Optional.ofNullable(PEER.get());
  }

  @Override
  public void close() {
    endpoint.stop();
    server.stop(0);
    executor.shutdownNow();
  }

  private static SSLContext serverTls(TestPki pki) throws Exception {
    char[] password = "double".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", pki.serverKeys.getPrivate(), password, new X509Certificate[] {pki.serverCert, pki.ca.certificate()});
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", pki.ca.certificate());
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  private final class Recorder extends Filter {
    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
      byte[] body = exchange.getRequestBody().readAllBytes();
      requests.add(new String(body, StandardCharsets.UTF_8));
      exchange.setStreams(new ByteArrayInputStream(body), null);
      try {
        if (delayMillis > 0) {
          Thread.sleep(delayMillis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.close();
        return;
      }
      PEER.set(clientCertificate((HttpsExchange) exchange));
      try {
        chain.doFilter(exchange);
      } finally {
        PEER.remove();
      }
    }

    @Override
    public String description() {
      return "records requests, stalls on demand, passes on the client certificate";
    }

    private X509Certificate clientCertificate(HttpsExchange exchange) {
      try {
        return (X509Certificate) exchange.getSSLSession().getPeerCertificates()[0];
      } catch (SSLPeerUnverifiedException e) {
        return null;
      }
    }
  }
}
