package org.scepra.backend.ejbca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scepra.spi.BackendHealth;
import org.scepra.testkit.MapConfig;

/** Settings are checked on first use; a broken endpoint is DOWN naming the key, and rejects. */
class EjbcaSettingsTest {

  @TempDir Path dir;
  EjbcaFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new EjbcaFixture(dir);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        Arguments.of("url", null, "url is required"),
        Arguments.of("url", "http://127.0.0.1:8080/ejbca/ejbcaws/ejbcaws", "url must be an https URL"),
        Arguments.of("url", "https://[bad", "url is not a valid URL"),
        Arguments.of("keystore", null, "keystore is required"),
        Arguments.of("keystore", "/nonexistent/ra.p12", "keystore: cannot open"),
        Arguments.of("keystore", "ra\u0000.p12", "keystore is not a valid path"),
        Arguments.of("keystore-password", null, "keystore-password is required"),
        Arguments.of("keystore-password", "wrong", "keystore: cannot open"),
        Arguments.of("truststore-password", "wrong", "truststore: cannot open"),
        Arguments.of("ca-name", null, "ca-name is required"),
        Arguments.of("end-entity-profile", " ", "end-entity-profile is required"),
        Arguments.of("read-timeout-ms", "soon", "read-timeout-ms must be an integer"),
        Arguments.of("connect-timeout-ms", "0", "connect-timeout-ms must be at least 1"),
        Arguments.of("ca-chain-cache-seconds", "-1", "ca-chain-cache-seconds must be at least 0"),
        Arguments.of("username-from", "mac-address", "username-from must be cn or transaction-id"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("broken")
  void aBrokenSettingMakesTheEndpointDownAndRejecting(String name, String value, String message) {
    if (value == null) {
      fixture.remove(name);
    } else {
      fixture.set(name, value);
    }
    EjbcaCaBackend backend = fixture.backend();

    BackendHealth health = backend.health(EjbcaFixture.ALIAS);
    assertFalse(health.up());
    assertTrue(health.detail().contains(EjbcaFixture.key("") + message), health.detail());
    assertFalse(health.detail().contains(EjbcaFixture.PASSWORD), "never shows a password");
    assertEquals(FaultMapping.UNREACHABLE, backend.issue(TestCsrs.request(EjbcaFixture.ALIAS, "tx-1", "CN=dev1")));
  }

  @Test
  void otherEndpointsAreNotAffected() {
    fixture.remove("url");
    EjbcaCaBackend backend = fixture.backend();

    assertFalse(backend.health("other").up());
    assertFalse(backend.health(EjbcaFixture.ALIAS).up());
    fixture.set("url", fixture.server.url().toString());
    assertTrue(fixture.backend().health(EjbcaFixture.ALIAS).up());
  }

  @Test
  void withoutATruststoreTheJvmDefaultsAreUsed() throws Exception {
    fixture.remove("truststore").remove("truststore-password");

    BackendHealth health = fixture.backend().health(EjbcaFixture.ALIAS);

    assertFalse(health.up(), "the test CA is not in the JVM's trust store");
    assertTrue(health.detail().contains("unreachable"), health.detail());
  }

  @Test
  void defaults() throws Exception {
    Map<String, String> minimal = Map.of(
        EjbcaFixture.key("url"), "https://127.0.0.1:8443/ejbca/ejbcaws/ejbcaws",
        EjbcaFixture.key("keystore"), "ra.p12",
        EjbcaFixture.key("ca-name"), "ManagementCA",
        EjbcaFixture.key("end-entity-profile"), "SCEP_DEVICES");

    EjbcaSettings settings = EjbcaSettings.from(new MapConfig(minimal), EjbcaFixture.ALIAS);

    assertEquals(Duration.ofMillis(5_000), settings.connectTimeout());
    assertEquals(Duration.ofMillis(15_000), settings.readTimeout());
    assertEquals(Duration.ofSeconds(300), settings.chainCacheTtl());
    assertEquals(Optional.empty(), settings.truststore());
    assertEquals("ENDUSER", settings.profiles().forProfile("general-purpose"));
    // one end entity per device: a default EJBCA enforces unique subject DNs across end entities
    assertEquals(new UsernamePolicy(UsernamePolicy.Source.CN, "scepra-"), settings.usernames());
  }
}
