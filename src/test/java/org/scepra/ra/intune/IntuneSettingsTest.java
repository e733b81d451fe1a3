package org.scepra.ra.intune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scepra.ra.authz.ConfigReader;
import org.scepra.testkit.MapConfig;

/** scepra.endpoint.<alias>.intune.*: defaults, and every invalid setting refused with its key named. */
class IntuneSettingsTest {
  static final String P = "scepra.endpoint.mdm.intune.";

  static Map<String, String> minimal() {
    return new HashMap<>(Map.of(P + "enabled", "true", P + "tenant", "contoso.onmicrosoft.com",
        P + "client-id", "app-id", P + "client-secret", "s3cret-value"));
  }

  static Optional<IntuneSettings> read(Map<String, String> config) {
    return IntuneSettings.read(new ConfigReader(new MapConfig(config), "mdm"), "mdm", "0.1.0");
  }

  @Test
  void isOffUnlessEnabled() {
    assertTrue(read(Map.of()).isEmpty());
    assertTrue(read(Map.of(P + "enabled", "false", P + "tenant", "x")).isEmpty());
  }

  @Test
  void defaultsAreMicrosoftsServicesFifteenSecondsAndFiveMinutes() {
    IntuneSettings settings = read(minimal()).orElseThrow();

    assertEquals(URI.create("https://login.microsoftonline.com/"), settings.loginUrl());
    assertEquals(URI.create("https://graph.microsoft.com/"), settings.graphUrl());
    assertEquals(Duration.ofMillis(15000), settings.timeout());
    assertEquals(Duration.ofSeconds(300), settings.revocationPoll());
    assertEquals(Duration.ofSeconds(10), settings.throttleWait());
    assertEquals("scepra/0.1.0", settings.providerName());
    assertTrue(settings.truststore().isEmpty());
  }

  @Test
  void aBaseUrlGetsItsSlashAndATenantMayBeAGuid() {
    Map<String, String> config = minimal();
    config.put(P + "login-url", "https://login.example/tenants");
    config.put(P + "tenant", "72f988bf-86f1-41af-91ab-2d7cd011db47");
    config.put(P + "revocation.poll-seconds", "0");

    IntuneSettings settings = read(config).orElseThrow();

    assertEquals(URI.create("https://login.example/tenants/"), settings.loginUrl());
    assertEquals(Duration.ZERO, settings.revocationPoll());
  }

  @Test
  void neverShowsTheSecrets() {
    Map<String, String> config = minimal();
    config.put(P + "truststore", "/etc/scepra/intune.p12");
    config.put(P + "truststore-password", "trust-pw-99");

    String shown = read(config).orElseThrow().toString();

    assertFalse(shown.contains("s3cret-value") || shown.contains("trust-pw-99"), shown);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(P + "tenant", null, P + "tenant is required"),
        Arguments.of(P + "client-id", null, P + "client-id is required"),
        Arguments.of(P + "client-secret", null, P + "client-secret is required"),
        Arguments.of(P + "tenant", "../other/x", P + "tenant must be"),
        Arguments.of(P + "login-url", "http://login.example/", P + "login-url must be an https URL"),
        Arguments.of(P + "graph-url", "https://graph.example/?x=1", P + "graph-url must be an https URL"),
        Arguments.of(P + "timeout-ms", "0", P + "timeout-ms must be positive"),
        Arguments.of(P + "timeout-ms", "soon", P + "timeout-ms must be a whole number"),
        Arguments.of(P + "revocation.poll-seconds", "-1", P + "revocation.poll-seconds must be 0"),
        Arguments.of(P + "throttle-wait-ms", "-1", P + "throttle-wait-ms must be 0 (never wait) or more"),
        Arguments.of(P + "truststore", "/etc/scepra/intune.p12", P + "truststore-password is required"),
        Arguments.of(P + "enabled", "yes", P + "enabled must be true or false"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("invalid")
  void anInvalidSettingNamesItsKey(String key, String value, String message) {
    Map<String, String> config = minimal();
    if (value == null) {
      config.remove(key);
    } else {
      config.put(key, value);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(config));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}
