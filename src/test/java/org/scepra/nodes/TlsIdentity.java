package org.scepra.nodes;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A server TLS identity for the HTTPS listener the production scripts configure (a PKCS#12 keystore, as an
 * administrator would bring one), and an HTTP client that trusts exactly it.
 */
public record TlsIdentity(Path keystore, String password) {

  public static TlsIdentity create(Path dir, String password) throws Exception {
    Files.createDirectories(dir);
    Path keystore = dir.resolve("tls.p12");
    Files.deleteIfExists(keystore);
    ProcessBuilder pb = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "tls", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass:env", "TLS_PW"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile());
    pb.environment().put("TLS_PW", password); // through the environment, not the arguments (ps shows those)
    Process keytool = pb.start();
    keytool.getOutputStream().close();
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new AssertionError("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
    }
    return new TlsIdentity(keystore, password);
  }

  public HttpClient client() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, password.toCharArray());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", store.getCertificate("tls"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
        .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(10)).build();
  }
}
