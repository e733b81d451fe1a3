package org.scepra.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scepra.testkit.MapConfig;

class ConsoleSettingsTest {

  @Test
  void sessionsEndAfterFifteenIdleMinutesUnlessConfigured() {
    assertEquals(Duration.ofMinutes(15), new ConsoleSettings(new MapConfig(Map.of())).sessionTimeout());
    assertEquals(Duration.ofMinutes(5), new ConsoleSettings(new MapConfig(
        Map.of(ConsoleSettings.SESSION_TIMEOUT, "5"))).sessionTimeout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "1441"})
  void anOutOfRangeTimeoutStopsTheDeploymentNamingTheKey(String minutes) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ConsoleSettings(new MapConfig(Map.of(ConsoleSettings.SESSION_TIMEOUT, minutes))));
    assertTrue(e.getMessage().contains("scepra.console.session-timeout-minutes"), e.getMessage());
  }
}
