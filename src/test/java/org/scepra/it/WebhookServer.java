package org.scepra.it;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.scepra.testkit.TestPki;

/**
 * A validation webhook on https://127.0.0.1:{@link #PORT}/validate (it.port.webhook, default 18443), as an MDM would
 * run it: allows transactionIDs starting "allow-", answers "slow-" only after 15 s (the endpoint waits 5), refuses
 * everything else. Writes its certificate into the truststore the server under test is configured with.
 */
final class WebhookServer implements AutoCloseable {
  static final int PORT = Integer.getInteger("it.port.webhook", 18443);

  final List<String> received = new CopyOnWriteArrayList<>();
  private final HttpsServer server;

  WebhookServer(Path truststore, String truststorePassword) throws Exception {
    KeyPair key = TestPki.rsa(2048);
    X500Name name = new X500Name("CN=webhook-test");
    var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
        Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(86_400)), name, key.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("webhook", certificate);
    Files.createDirectories(truststore.getParent());
    try (OutputStream out = Files.newOutputStream(truststore)) {
      trust.store(out, truststorePassword.toCharArray());
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("webhook", key.getPrivate(), new char[0], new Certificate[] {certificate});
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, new char[0]);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);

    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", PORT), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/validate", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(body);
      int status = transactionStarts(body, "slow-") ? slow() : transactionStarts(body, "allow-") ? 200 : 403;
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  /** The test marks what it wants in the transactionID (the CN is inside the PEM CSR). */
  private static boolean transactionStarts(String body, String prefix) {
    return body.contains("\"transactionId\":\"" + prefix);
  }

  private static int slow() {
    try {
      Thread.sleep(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 200;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
