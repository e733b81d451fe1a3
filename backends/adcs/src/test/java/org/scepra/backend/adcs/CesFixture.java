package org.scepra.backend.adcs;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.CertificateProfile.KeyUsage;
import org.scepra.spi.IssueRequest;
import org.scepra.testkit.MapConfig;

/**
 * The CES double on a free port of 127.0.0.1 and the configuration of scepra endpoints in front of
 * it: {@code cert} (client-certificate auth) and {@code user} (username auth), both with the
 * double's templates.
 */
final class CesFixture implements AutoCloseable {

  static final String PASSWORD = "ces-test-password-17";
  static final String KEYSTORE_PASSWORD = "ces-ra-keystore-pw";
  static final String TRUSTSTORE_PASSWORD = "ces-trust-pw";

  final CesPki pki = new CesPki();
  final CesDouble ca = new CesDouble(pki);
  final CesService service = new CesService(ca, PASSWORD);
  final CesDoubleServer server;
  final Path dir;
  final Map<String, String> config = new HashMap<>();

  CesFixture(Path dir) throws Exception {
    this.dir = dir;
    server = CesDoubleServer.start(pki, service, 0);
    CesPki.keyStore(dir.resolve("ra.p12"), KEYSTORE_PASSWORD.toCharArray(), pki.raClientKeys.getPrivate(), pki.raClient,
        pki.issuing);
    CesPki.trustStore(dir.resolve("trust.p12"), TRUSTSTORE_PASSWORD.toCharArray(), pki.root);
    config.put("scepra.data-dir", dir.resolve("data").toString());
    endpoint("cert", false);
    endpoint("user", true);
  }

  private void endpoint(String alias, boolean username) {
    String prefix = "scepra.endpoint." + alias + ".adcs.";
    config.put(prefix + "url", server.url(username).toString());
    config.put(prefix + "auth", username ? "username" : "client-certificate");
    if (username) {
      config.put(prefix + "username", CesDouble.USERNAME);
      config.put(prefix + "password", PASSWORD);
    } else {
      config.put(prefix + "keystore", dir.resolve("ra.p12").toString());
      config.put(prefix + "keystore-password", KEYSTORE_PASSWORD);
    }
    config.put(prefix + "truststore", dir.resolve("trust.p12").toString());
    config.put(prefix + "truststore-password", TRUSTSTORE_PASSWORD);
    config.put(prefix + "template.signature", "ScepraSignature");
    config.put(prefix + "template.encryption", "ScepraEncryption");
    config.put(prefix + "template", "ScepraGeneralPurpose");
    config.put(prefix + "template.ra-signing", "ScepraRaSigning");
    config.put(prefix + "template.ra-encryption", "ScepraRaEncryption");
    config.put(prefix + "crl-url", server.crlUrl().toString());
    // generous: two shared cores, RSA and CMS on both sides
    config.put(prefix + "connect-timeout-ms", "10000");
    config.put(prefix + "read-timeout-ms", "30000");
  }

  AdcsCaBackend backend() {
    return new AdcsCaBackend(new MapConfig(config), Clock.systemUTC());
  }

  static IssueRequest request(String alias, String profile, KeyPair keys, String subject) throws Exception {
    return request(alias, profile, TestCsrs.csr(keys, subject));
  }

  static IssueRequest request(String alias, String profile, PKCS10CertificationRequest csr) {
    return new IssueRequest(alias, "tx-" + System.nanoTime(), csr,
        new CertificateProfile(profile, Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of(), Duration.ofDays(30)));
  }

  @Override
  public void close() {
    server.close();
  }
}
