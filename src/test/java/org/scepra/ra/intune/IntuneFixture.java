package org.scepra.ra.intune;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.scepra.ra.authz.ConfigReader;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.MapConfig;
import org.scepra.testkit.TestPki;
import org.scepra.testkit.intune.IntuneDouble;
import org.scepra.testkit.intune.Scenario;

/** The Intune double on a free port, and an endpoint's settings and client pointed at it. */
final class IntuneFixture implements AutoCloseable {
  static final String TENANT = "contoso.onmicrosoft.com";
  static final String CLIENT_ID = "8c4e6f0a-1b2c-4d3e-9f80-1a2b3c4d5e6f";
  static final String SECRET = "unit-intune-secret-2718";
  static final KeyPair KEY = TestPki.rsa(2048);

  /** A clock tests move forward (token expiry); shared by the double and the client. */
  static final class MutableClock extends Clock {
    volatile Instant now = Instant.now();

    void advance(java.time.Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  final MutableClock clock = new MutableClock();
  final IntuneDouble intune;
  final Path truststore;

  IntuneFixture(Path dir) throws Exception {
    intune = IntuneDouble.start(0, TENANT, CLIENT_ID, SECRET, clock);
    truststore = dir.resolve("intune-trust.p12");
    intune.writeTruststore(truststore, "trust-pw");
  }

  Map<String, String> config(Map<String, String> overrides) {
    Map<String, String> config = new HashMap<>(Map.of(
        "scepra.endpoint.it.intune.enabled", "true",
        "scepra.endpoint.it.intune.tenant", TENANT,
        "scepra.endpoint.it.intune.client-id", CLIENT_ID,
        "scepra.endpoint.it.intune.client-secret", SECRET,
        "scepra.endpoint.it.intune.login-url", intune.loginUrl().toString(),
        "scepra.endpoint.it.intune.graph-url", intune.graphUrl().toString(),
        "scepra.endpoint.it.intune.truststore", truststore.toString(),
        "scepra.endpoint.it.intune.truststore-password", "trust-pw",
        "scepra.endpoint.it.intune.timeout-ms", "10000"));
    config.putAll(overrides);
    return config;
  }

  IntuneSettings settings(Map<String, String> overrides) {
    return IntuneSettings.read(new ConfigReader(new MapConfig(config(overrides)), "it"), "it", "1.2.3").orElseThrow();
  }

  IntuneClient client() {
    return client(Map.of());
  }

  IntuneClient client(Map<String, String> overrides) {
    return new IntuneClient(settings(overrides), clock);
  }

  /** A device's CSR (DER) with a challenge the double answers as {@code scenario} says. */
  byte[] csr(Scenario scenario) throws Exception {
    return Csrs.csr(KEY, "CN=device-1", intune.challenge(scenario)).getEncoded();
  }

  @Override
  public void close() {
    intune.close();
  }
}
