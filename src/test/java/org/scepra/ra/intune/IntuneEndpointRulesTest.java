package org.scepra.ra.intune;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scepra.ra.endpoint.EndpointSettings;
import org.scepra.ra.endpoint.ScepraSettings;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.CaBackend;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.spi.PendingPoller;
import org.scepra.testkit.MapConfig;

/** What an Intune endpoint cannot be combined with is refused at start-up, with the key named. */
class IntuneEndpointRulesTest {

  /** A backend that issues at once (the internal CA's way). */
  static class AtOnce implements CaBackend {
    @Override
    public IssueResult issue(IssueRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<X509Certificate> caChain(String endpointAlias) {
      return List.of();
    }

    @Override
    public BackendHealth health(String endpointAlias) {
      return BackendHealth.up("ok");
    }
  }

  /** A backend that polls, and says whether it can issue at once (EJBCA: yes; file-drop: no). */
  static class Polling extends AtOnce implements PendingPoller {
    final boolean atOnce;

    Polling(boolean atOnce) {
      this.atOnce = atOnce;
    }

    @Override
    public IssueResult poll(IssueRequest request, String reference) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean issuesAtOnce(String endpointAlias) {
      return atOnce;
    }
  }

  static EndpointSettings endpoint(String key, String value) {
    Map<String, String> config = new HashMap<>(Map.of("scepra.endpoint.mdm.intune.enabled", "true"));
    if (key != null) {
      config.put("scepra.endpoint.mdm." + key, value);
    }
    return new ScepraSettings(new MapConfig(config)).endpoint("mdm");
  }

  @ParameterizedTest
  @CsvSource({
    "challenge, static-secret, scepra.endpoint.mdm.challenge cannot be used",
    "one-time-challenges, true, scepra.endpoint.mdm.one-time-challenges cannot be used",
    "approval, manual, scepra.endpoint.mdm.approval=manual cannot be used"})
  void refusesWhatWouldBypassIntuneOrWaitForIt(String key, String value, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IntuneEndpointRules.check(endpoint(key, value), new AtOnce()));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void refusesABackendThatLeavesEveryRequestPending() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IntuneEndpointRules.check(endpoint("backend", "file-drop"), new Polling(false)));
    assertTrue(e.getMessage().startsWith("scepra.endpoint.mdm.backend=file-drop cannot be used"), e.getMessage());
  }

  @Test
  void acceptsABackendThatIssuesAtOnceWhetherItCanPollOrNot() {
    assertDoesNotThrow(() -> IntuneEndpointRules.check(endpoint(null, null), new AtOnce()));
    assertDoesNotThrow(() -> IntuneEndpointRules.check(endpoint("backend", "ejbca"), new Polling(true)));
  }
}
