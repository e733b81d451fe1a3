package org.scepra.backend.ejbca;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.scepra.testkit.MapConfig;

/**
 * A running EJBCA double and the configuration of one scepra endpoint ({@value #ALIAS}) pointing
 * at it, with keystores written under a test's temporary directory.
 */
final class EjbcaFixture implements AutoCloseable {

  static final String ALIAS = "lab";
  static final String PASSWORD = "store-secret";

  final TestPki pki = new TestPki();
  final EjbcaDouble ejbca = new EjbcaDouble(pki);
  final DoubleServer server;
  final Path dir;
  final Map<String, String> config = new HashMap<>();

  EjbcaFixture(Path dir) throws Exception {
    this.dir = dir;
    this.server = DoubleServer.start(pki, ejbca);
    Path keystore = TestPki.keyStore(dir.resolve("ra.p12"), PASSWORD.toCharArray(), pki.raKeys.getPrivate(), pki.raCert, pki.ca.certificate());
    Path truststore = TestPki.trustStore(dir.resolve("trust.p12"), PASSWORD.toCharArray(), pki.ca.certificate());
    set("url", server.url().toString());
    set("keystore", keystore.toString());
    set("keystore-password", PASSWORD);
    set("truststore", truststore.toString());
    set("truststore-password", PASSWORD);
    set("ca-name", EjbcaDouble.CA_NAME);
    set("end-entity-profile", "EMPTY");
    set("certificate-profile", "ENDUSER");
    set("connect-timeout-ms", "2000");
    set("read-timeout-ms", "3000");
  }

  static String key(String name) {
    return "scepra.endpoint." + ALIAS + ".ejbca." + name;
  }

  EjbcaFixture set(String name, String value) {
    config.put(key(name), value);
    return this;
  }

  EjbcaFixture remove(String name) {
    config.remove(key(name));
    return this;
  }

  EjbcaCaBackend backend() {
    return backend(Clock.systemUTC());
  }

  EjbcaCaBackend backend(Clock clock) {
    return new EjbcaCaBackend(new MapConfig(config), clock);
  }

  @Override
  public void close() {
    server.close();
  }
}
