package org.scepra.backend.adcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scepra.testkit.MapConfig;

/** Each unusable setting stops the endpoint with a message that names the key, never its value. */
class AdcsSettingsTest {

  static final String P = "scepra.endpoint.e.adcs.";

  static Map<String, String> valid() {
    Map<String, String> values = new HashMap<>();
    values.put(P + "url", "https://ca.contoso.test/ContosoIssuingCA_CES_Certificate/service.svc/CES");
    values.put(P + "keystore", "/etc/scepra/ra.p12");
    values.put(P + "keystore-password", "secret-keystore-pw");
    values.put(P + "template", "ScepraGeneralPurpose");
    return values;
  }

  @Test
  void defaults() throws Exception {
    AdcsSettings settings = AdcsSettings.from(new MapConfig(valid()), "e");
    assertEquals(CesAuth.CLIENT_CERTIFICATE, settings.auth());
    assertEquals(Duration.ofMillis(5000), settings.connectTimeout());
    assertEquals(Duration.ofMillis(15000), settings.readTimeout());
    assertEquals(Optional.of("ScepraGeneralPurpose"), settings.templates().forProfile("signature"));
    assertEquals(Optional.empty(), settings.templates().forProfile("ra-signing"), "no fallback for the RA's own");
    assertEquals(Optional.empty(), settings.crlUrl());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
    "url | | scepra.endpoint.e.adcs.url is required",
    "url | http://ca.contoso.test/x | scepra.endpoint.e.adcs.url must be an https URL",
    "auth | kerberos | scepra.endpoint.e.adcs.auth must be client-certificate or username",
    "keystore | | scepra.endpoint.e.adcs.keystore is required with auth=client-certificate",
    "keystore-password | | scepra.endpoint.e.adcs.keystore-password is required",
    "template | | scepra.endpoint.e.adcs.template.signature (or scepra.endpoint.e.adcs.template) is required",
    "read-timeout-ms | 0 | scepra.endpoint.e.adcs.read-timeout-ms must be at least 1",
    "crl-url | ldap:///CN=ContosoIssuingCA,CN=CDP | scepra.endpoint.e.adcs.crl-url must be an http or https URL",
  })
  void refusesNamingTheKey(String key, String value, String message) {
    Map<String, String> values = valid();
    if (value == null) {
      values.remove(P + key);
    } else {
      values.put(P + key, value);
    }
    AdcsConfigException e = assertThrows(AdcsConfigException.class, () -> AdcsSettings.from(new MapConfig(values), "e"));
    assertEquals(message, e.getMessage());
  }

  @Test
  void usernameAuthNeedsUsernameAndPassword() throws Exception {
    Map<String, String> values = valid();
    values.put(P + "auth", "username");
    assertEquals("scepra.endpoint.e.adcs.username is required with auth=username",
        assertThrows(AdcsConfigException.class, () -> AdcsSettings.from(new MapConfig(values), "e")).getMessage());
    values.put(P + "username", "CONTOSO\\svc-scepra");
    assertEquals("scepra.endpoint.e.adcs.password is required",
        assertThrows(AdcsConfigException.class, () -> AdcsSettings.from(new MapConfig(values), "e")).getMessage());
    values.put(P + "password", "pw");
    assertEquals(CesAuth.USERNAME, AdcsSettings.from(new MapConfig(values), "e").auth());
  }

  @Test
  void deviceTemplatesFallBackOneByOne() throws Exception {
    Map<String, String> values = valid();
    values.remove(P + "template");
    values.put(P + "template.signature", "S");
    values.put(P + "template.encryption", "E");
    assertEquals("scepra.endpoint.e.adcs.template.general-purpose (or scepra.endpoint.e.adcs.template) is required",
        assertThrows(AdcsConfigException.class, () -> AdcsSettings.from(new MapConfig(values), "e")).getMessage());
    values.put(P + "template.general-purpose", "G");
    Templates templates = AdcsSettings.from(new MapConfig(values), "e").templates();
    assertEquals(Optional.of("E"), templates.forProfile("encryption"));
    assertEquals(Optional.of("G"), templates.forProfile("general-purpose"));
  }
}
