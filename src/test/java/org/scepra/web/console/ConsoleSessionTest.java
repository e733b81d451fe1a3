package org.scepra.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scepra.spi.CertificateRevoker;
import org.scepra.web.signin.BasicCredentials;
import org.scepra.web.signin.ServerRealm;

class ConsoleSessionTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final ConsoleSession SESSION = new ConsoleSession(
      new ServerRealm.User("alice", Set.of(ServerRealm.Role.OPERATOR)), "token-123", T0);

  @Test
  void endsAfterTheIdleTimeout() {
    Duration timeout = Duration.ofMinutes(15);
    assertFalse(SESSION.expired(timeout, T0.plus(Duration.ofMinutes(14))));
    assertTrue(SESSION.expired(timeout, T0.plus(timeout)));
    assertTrue(SESSION.expired(timeout, T0.plus(Duration.ofHours(3))));
  }

  @Test
  void acceptsOnlyItsOwnToken() {
    assertTrue(SESSION.tokenMatches("token-123"));
    assertFalse(SESSION.tokenMatches("token-124"));
    assertFalse(SESSION.tokenMatches(""));
    assertFalse(SESSION.tokenMatches(null));
  }

  @Test
  void rolesDecideWhatAUserMayDo() {
    ServerRealm.User issuer = new ServerRealm.User("mdm", Set.of(ServerRealm.Role.CHALLENGE_ISSUER));
    assertTrue(issuer.mayMintChallenges());
    assertFalse(issuer.isOperator());
    assertFalse(new ServerRealm.User("guest", Set.of()).mayMintChallenges());
    assertFalse(SESSION.toString().contains("token-123"), "the token is not printed");
  }

  @ParameterizedTest
  @EnumSource(CertificateRevoker.Reason.class)
  void everyCrlReasonIsOfferedUnderItsRfcNameAndReadBack(CertificateRevoker.Reason reason) {
    String name = CertificatesPage.crlName(reason);
    assertTrue(name.matches("[a-z][A-Za-z]+"), name);
    assertEquals(Optional.of(reason), CertificatesPage.reason(name));
  }

  @Test
  void readsBasicCredentials() {
    assertEquals(Optional.of(new BasicCredentials("it-mdm", "p:w")), BasicCredentials.parse("Basic aXQtbWRtOnA6dw=="));
    assertEquals(Optional.empty(), BasicCredentials.parse("Bearer x"));
    assertEquals(Optional.empty(), BasicCredentials.parse("Basic %%%"));
    assertEquals(Optional.empty(), BasicCredentials.parse(null));
    assertFalse(BasicCredentials.parse("Basic aXQtbWRtOnA6dw==").orElseThrow().toString().contains("p:w"));
  }
}
