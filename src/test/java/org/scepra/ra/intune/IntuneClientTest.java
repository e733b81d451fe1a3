package org.scepra.ra.intune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scepra.testkit.intune.Journal;
import org.scepra.testkit.intune.Scenario;

/** validateRequest against the double: the wire contract, Intune's codes, and every way of getting no code. */
class IntuneClientTest {

  @TempDir Path dir;
  IntuneFixture fixture;
  IntuneClient client;

  @BeforeEach
  void start() throws Exception {
    fixture = new IntuneFixture(dir);
    client = fixture.client();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  Journal journal() {
    return fixture.intune.journal();
  }

  @Test
  void validatesWithTheContractsTokensDiscoveryHeadersAndBody() throws Exception {
    byte[] csr = fixture.csr(Scenario.accepted());

    IntuneResult result = client.validate("4e89b80dcbf3a79d1c281fd7796228066046aac1", csr);

    assertInstanceOf(IntuneResult.Success.class, result, result::toString);
    assertEquals(List.of("https://graph.microsoft.com/.default", "https://api.manage.microsoft.com//.default"),
        journal().of("token").stream().map(c -> form(c.body()).get("scope")).toList(), "the real scopes, in order");
    for (Journal.Call token : journal().of("token")) {
      assertEquals(Map.of("grant_type", "client_credentials", "client_id", IntuneFixture.CLIENT_ID,
          "client_secret", "***", "scope", form(token.body()).get("scope")), form(token.body()));
      assertEquals("/login/" + IntuneFixture.TENANT + "/oauth2/v2.0/token", token.path());
    }
    assertEquals(1, journal().of("graph").size());
    Journal.Call validate = journal().of("validateRequest").get(0);
    assertTrue(validate.path().endsWith("/RACerts/ScepRequestValidationFEService/Gateway/"
        + "StatelessScepRequestValidationService/ScepActions/validateRequest"), validate.path());
    assertEquals("2018-02-20", validate.apiVersion());
    assertEquals(validate.clientRequestId(), result.clientRequestId(), "the audit line's id is the call's");
    JsonObject request = validate.payload();
    assertEquals(Set.of("transactionId", "certificateRequest", "callerInfo"), request.keySet());
    assertEquals("4e89b80dcbf3a79d1c281fd7796228066046aac1", request.getString("transactionId"));
    assertArrayEquals(csr, Base64.getDecoder().decode(request.getString("certificateRequest")), "byte for byte");
    assertEquals("scepra/1.2.3", request.getString("callerInfo"));
    assertEquals("scepra/1.2.3", validate.userAgent());
  }

  @Test
  void everyCallSendsAFreshClientRequestId() throws Exception {
    client.validate("tx-1", fixture.csr(Scenario.accepted()));
    client.validate("tx-2", fixture.csr(Scenario.refused("ChallengeExpired", "expired")));

    List<String> ids = journal().all().stream().map(Journal.Call::clientRequestId).toList();
    assertEquals(5, ids.size(), journal().all()::toString);
    assertEquals(ids.size(), Set.copyOf(ids).size(), "all different");
    ids.forEach(id -> assertEquals(id, UUID.fromString(id).toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ChallengeExpired", "SubjectNameMismatch", "ChallengeDecryptionError",
      "ScepProfileNoLongerTargetedToTheClient", "BadTenantIdInChallenge", "BadDeviceTypeInChallenge"})
  void passesIntunesRefusalCodeThroughWhetherMicrosoftListsItOrNot(String code) throws Exception {
    IntuneResult result = client.validate("tx-" + code, fixture.csr(Scenario.refused(code, "because " + code)));

    IntuneResult.Refused refused = assertInstanceOf(IntuneResult.Refused.class, result);
    assertEquals(code, refused.code());
    assertEquals("because " + code, refused.description());
    assertEquals(1, journal().of("validateRequest").size(), "a code is never asked again");
  }

  @Test
  void aCsrWithoutChallengeOrWithOneIntuneNeverIssuedIsRefusedByIntune() throws Exception {
    byte[] noChallenge = org.scepra.testkit.Csrs.csr(IntuneFixture.KEY, "CN=device-1", null).getEncoded();
    byte[] forged = org.scepra.testkit.Csrs.csr(IntuneFixture.KEY, "CN=device-1", "not-from-intune").getEncoded();

    assertEquals("ChallengePasswordMissing", client.validate("tx-1", noChallenge).code());
    assertEquals("ChallengeDeserializationError", client.validate("tx-2", forged).code());
  }

  @Test
  void anInternalErrorIsAskedOnceMoreAtARediscoveredAddressThenUnanswered() throws Exception {
    IntuneResult result = client.validate("tx-1", fixture.csr(Scenario.internalError()));

    IntuneResult.Unanswered unanswered = assertInstanceOf(IntuneResult.Unanswered.class, result);
    assertEquals("HTTP 500", unanswered.brief());
    assertTrue(unanswered.reason().contains("InternalError"), unanswered.reason());
    assertEquals(2, journal().of("validateRequest").size());
    assertEquals(2, journal().of("graph").size(), "discovered again before the second try");
  }

  @Test
  void anAnswerThatIsNotJsonIsUnansweredAndNotRepeated() throws Exception {
    IntuneResult result = client.validate("tx-1", fixture.csr(Scenario.html()));

    assertEquals("unexpected answer", assertInstanceOf(IntuneResult.Unanswered.class, result).brief());
    assertEquals(1, journal().of("validateRequest").size());
  }

  @Test
  void noAnswerWithinTheTimeoutIsUnansweredAndNotRepeated() throws Exception {
    IntuneClient impatient = fixture.client(Map.of("scepra.endpoint.it.intune.timeout-ms", "3000"));
    assertTrue(impatient.probe().up(), "connected and discovered beforehand, so only the answer can be late");
    long start = System.nanoTime();
    IntuneResult result = impatient.validate("tx-1", fixture.csr(Scenario.slow(Duration.ofSeconds(12))));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals("timeout", assertInstanceOf(IntuneResult.Unanswered.class, result).brief());
    assertTrue(millis < 10_000, "gave up after the timeout, not after Intune's answer: " + millis + " ms");
    waitFor(() -> journal().of("validateRequest").size() == 1);
    Thread.sleep(500);
    assertEquals(1, journal().of("validateRequest").size(), "a timed-out validation is never sent again");
  }

  @Test
  void aThrottledValidationIsSentAgainWithANewIdOnceRetryAfterHasPassed() throws Exception {
    assertTrue(client.probe().up());
    fixture.intune.throttleScaleUnit(1, Duration.ofSeconds(1));
    long start = System.nanoTime();

    IntuneResult result = client.validate("tx-1", fixture.csr(Scenario.accepted()));

    long millis = (System.nanoTime() - start) / 1_000_000;
    assertInstanceOf(IntuneResult.Success.class, result, result::toString);
    List<Journal.Call> calls = journal().scepActions("tx-1");
    assertEquals(List.of(429, 200), calls.stream().map(Journal.Call::status).toList());
    assertTrue(millis >= 1000, "waited as Retry-After asked: " + millis + " ms");
    assertEquals(0, fixture.intune.earlyCalls(), "nothing was sent inside the window");
    assertNotEquals(calls.get(0).clientRequestId(), calls.get(1).clientRequestId());
    assertEquals(calls.get(1).clientRequestId(), result.clientRequestId(), "the audit line names the answered call");
    assertEquals(calls.get(0).body(), calls.get(1).body(), "the same request");
  }

  @Test
  void aRetryAfterBeyondTheWaitAllowedFailsAtOnceAndNothingIsSentInsideTheWindow() throws Exception {
    IntuneClient client = fixture.client(Map.of("scepra.endpoint.it.intune.throttle-wait-ms", "2000"));
    assertTrue(client.probe().up());
    fixture.intune.throttleScaleUnit(1, Duration.ofSeconds(30));
    long start = System.nanoTime();

    IntuneResult first = client.validate("tx-1", fixture.csr(Scenario.accepted()));
    IntuneResult second = client.validate("tx-2", fixture.csr(Scenario.accepted()));

    long millis = (System.nanoTime() - start) / 1_000_000;
    IntuneResult.Unanswered unanswered = assertInstanceOf(IntuneResult.Unanswered.class, first);
    assertEquals("throttled", unanswered.brief());
    assertTrue(unanswered.reason().contains("another 30 s") && unanswered.reason().contains("throttle-wait-ms"),
        unanswered.reason());
    assertEquals("throttled", assertInstanceOf(IntuneResult.Unanswered.class, second).brief());
    assertTrue(millis < 2000, "did not wait for a window it could not outlast: " + millis + " ms");
    assertEquals(1, journal().scepActions("tx-1").size());
    assertEquals(List.of(), journal().scepActions("tx-2"), "the next call is not sent into the window");
    assertEquals(1, journal().of("graph").size(), "throttling is not a moved scale unit: no rediscovery");
    assertEquals(0, fixture.intune.earlyCalls());
  }

  @Test
  void withNoWaitAllowedAThrottledCallFailsAtOnce() throws Exception {
    IntuneClient client = fixture.client(Map.of("scepra.endpoint.it.intune.throttle-wait-ms", "0"));
    assertTrue(client.probe().up());
    fixture.intune.throttleScaleUnit(1, Duration.ofSeconds(1));

    IntuneResult result = client.validate("tx-1", fixture.csr(Scenario.accepted()));

    assertEquals("throttled", assertInstanceOf(IntuneResult.Unanswered.class, result).brief());
    assertEquals(1, journal().scepActions("tx-1").size());
  }

  @Test
  void aCallThrottledAgainAndAgainGivesUpAfterFourThrottledAnswers() throws Exception {
    assertTrue(client.probe().up());
    fixture.intune.throttleScaleUnit(10, Duration.ZERO);

    IntuneResult result = client.validate("tx-1", fixture.csr(Scenario.accepted()));

    IntuneResult.Unanswered unanswered = assertInstanceOf(IntuneResult.Unanswered.class, result);
    assertEquals("throttled", unanswered.brief());
    assertTrue(unanswered.reason().contains("4 times in a row"), unanswered.reason());
    assertEquals(4, journal().scepActions("tx-1").size());
  }

  @Test
  void throttledTokenAndDiscoveryCallsWaitToo() throws Exception {
    fixture.intune.throttleLogin(1, Duration.ofSeconds(1));
    fixture.intune.throttleGraph(1, Duration.ofSeconds(1));

    IntuneResult result = client.validate("tx-1", fixture.csr(Scenario.accepted()));

    assertInstanceOf(IntuneResult.Success.class, result, result::toString);
    assertEquals(2, journal().of("throttled").size(), journal().all()::toString);
    assertTrue(journal().of("throttled").stream().noneMatch(c -> c.body().contains(IntuneFixture.SECRET)));
    assertEquals(0, fixture.intune.earlyCalls());
  }

  @Test
  void aRefusedTokenIsRenewedOnceThenTheRefusalStands() throws Exception {
    IntuneResult result = client.validate("tx-1", fixture.csr(Scenario.unauthorized()));

    assertEquals("HTTP 401", assertInstanceOf(IntuneResult.Unanswered.class, result).brief());
    assertEquals(2, journal().of("validateRequest").size());
    assertEquals(3, journal().of("token").size(), "Graph's token, then Intune's twice");
  }

  @Test
  void tokensAreKeptUntilShortlyBeforeTheyExpireAndRenewedWhenRefused() throws Exception {
    client.validate("tx-1", fixture.csr(Scenario.accepted()));
    client.validate("tx-2", fixture.csr(Scenario.accepted()));
    assertEquals(2, journal().of("token").size(), "one per scope for both validations");

    fixture.clock.advance(Duration.ofSeconds(3599 - 299));
    assertInstanceOf(IntuneResult.Success.class, client.validate("tx-3", fixture.csr(Scenario.accepted())));
    assertEquals(3, journal().of("token").size(), "Intune's token renewed 5 minutes before it expires");

    fixture.intune.invalidateTokens();
    assertInstanceOf(IntuneResult.Success.class, client.validate("tx-4", fixture.csr(Scenario.accepted())));
    assertEquals(4, journal().of("token").size(), "renewed after the service refused it");
    assertEquals(List.of(200, 401, 200), journal().of("validateRequest").stream().skip(2).map(Journal.Call::status)
        .toList());
  }

  @Test
  void aTenantMovedToAnotherScaleUnitIsFoundAgain() throws Exception {
    client.validate("tx-1", fixture.csr(Scenario.accepted()));
    fixture.intune.moveScaleUnit();

    assertInstanceOf(IntuneResult.Success.class, client.validate("tx-2", fixture.csr(Scenario.accepted())));
    List<Journal.Call> calls = journal().all();
    assertEquals(List.of("unknown", "graph", "validateRequest"),
        calls.subList(calls.size() - 3, calls.size()).stream().map(Journal.Call::service).toList());
    assertEquals(404, calls.get(calls.size() - 3).status());
    assertNotEquals(calls.get(calls.size() - 3).path(), calls.get(calls.size() - 1).path());
  }

  @Test
  void graphRefusingDiscoveryIsNamedByItsCode() throws Exception {
    fixture.intune.graphForbidden = true;

    IntuneResult result = client.validate("tx-1", fixture.csr(Scenario.accepted()));
    IntuneClient.Probe probe = client.probe();

    assertEquals("HTTP 403", assertInstanceOf(IntuneResult.Unanswered.class, result).brief());
    assertFalse(probe.up());
    assertTrue(probe.detail().contains("Authorization_RequestDenied"), probe.detail());
    assertTrue(journal().of("validateRequest").isEmpty());
  }

  @Test
  void aWrongSecretIsRefusedByEntraAndNamedWithoutTheSecret() throws Exception {
    IntuneClient wrong = fixture.client(Map.of("scepra.endpoint.it.intune.client-secret", "not-the-secret"));

    IntuneResult result = wrong.validate("tx-1", fixture.csr(Scenario.accepted()));

    IntuneResult.Unanswered unanswered = assertInstanceOf(IntuneResult.Unanswered.class, result);
    assertEquals("HTTP 401", unanswered.brief());
    assertTrue(unanswered.reason().contains("invalid_client, AADSTS7000215"), unanswered.reason());
    assertFalse(unanswered.reason().contains("not-the-secret"));
    assertFalse(wrong.probe().up());
  }

  @Test
  void aTenantWithoutTheValidationServiceIsUnanswered() throws Exception {
    fixture.intune.listsScepService = false;

    IntuneResult result = client.validate("tx-1", fixture.csr(Scenario.accepted()));

    assertTrue(assertInstanceOf(IntuneResult.Unanswered.class, result).reason()
        .contains("no service named ScepRequestValidationFEService"), result::toString);
  }

  @Test
  void aMissingTruststoreIsNamedByItsKeyAndReadAgainOnceItIsThere() throws Exception {
    Path later = dir.resolve("later.p12");
    IntuneClient early = fixture.client(Map.of("scepra.endpoint.it.intune.truststore", later.toString()));

    IntuneResult result = early.validate("tx-1", fixture.csr(Scenario.accepted()));
    assertTrue(assertInstanceOf(IntuneResult.Unanswered.class, result).reason()
        .startsWith("scepra.endpoint.it.intune.truststore: cannot open"), result::toString);

    fixture.intune.writeTruststore(later, "trust-pw");
    assertInstanceOf(IntuneResult.Success.class, early.validate("tx-2", fixture.csr(Scenario.accepted())));
  }

  @Test
  void theProbeObtainsBothTokensAndDiscoversTheService() {
    IntuneClient.Probe probe = client.probe();

    assertTrue(probe.up(), probe::detail);
    assertTrue(probe.detail().contains("ScepRequestValidationFEService at 127.0.0.1"), probe.detail());
    assertEquals(2, journal().of("token").size());
  }

  static Map<String, String> form(String body) {
    Map<String, String> form = new java.util.HashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return form;
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met within 20 s");
      Thread.sleep(50);
    }
  }
}
