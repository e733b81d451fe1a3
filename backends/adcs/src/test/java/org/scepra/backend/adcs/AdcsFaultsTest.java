package org.scepra.backend.adcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scepra.spi.IssueResult;
import org.scepra.spi.IssueResult.Reason;

/**
 * What the CA (through the double) refuses, and what the device is told: each HRESULT with its
 * reason and a short text that keeps the HRESULT; CES refusing scepra's credential; CES away.
 */
class AdcsFaultsTest {

  CesFixture ces;
  final KeyPair device = CesPki.keys(2048);

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    ces = new CesFixture(dir);
  }

  @AfterEach
  void stop() {
    ces.close();
  }

  static Stream<Arguments> caRefusals() {
    return Stream.of(
        Arguments.of("template not offered", (Consumer<CesDouble>) ca -> ca.withdraw("ScepraSignature"),
            Reason.CA_UNAVAILABLE, Hresults.UNKNOWN_TEMPLATE + " (AD CS 0x80094800)"),
        Arguments.of("no Enroll permission", (Consumer<CesDouble>) ca -> ca.enrollDenied.add("ScepraSignature"),
            Reason.CA_UNAVAILABLE, Hresults.NOT_AUTHORIZED + " (AD CS 0x80094012)"),
        Arguments.of("key too small", (Consumer<CesDouble>) ca -> ca.offer(ca.templates.get("ScepraSignature")
            .withMinimumKeySize(4096)), Reason.BAD_ALGORITHM, Hresults.KEY + " (AD CS 0x80094811)"),
        Arguments.of("CA down behind CES", (Consumer<CesDouble>) ca -> ca.caUnavailable = true,
            Reason.CA_UNAVAILABLE, Hresults.UNAVAILABLE + " (AD CS 0x800706BA)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("caRefusals")
  void theCasRefusalReachesTheRaWithItsHresult(String what, Consumer<CesDouble> change, Reason reason, String text)
      throws Exception {
    change.accept(ces.ca);
    for (String alias : new String[] {"cert", "user"}) {
      IssueResult result = ces.backend().issue(CesFixture.request(alias, "signature", device, "CN=refused"));
      IssueResult.Rejected rejected = assertInstanceOf(IssueResult.Rejected.class, result, result::toString);
      assertEquals(reason, rejected.reason(), alias);
      assertEquals(text, rejected.message(), alias);
    }
  }

  @Test
  void aWrongPasswordIsRefusedByCesItselfAndNeverShown() throws Exception {
    ces.config.put("scepra.endpoint.user.adcs.password", "not-the-password-42");
    IssueResult.Rejected rejected = assertInstanceOf(IssueResult.Rejected.class,
        ces.backend().issue(CesFixture.request("user", "signature", device, "CN=x")));
    assertEquals(Reason.CA_UNAVAILABLE, rejected.reason());
    assertEquals(Hresults.NOT_AUTHORIZED_OR_FAILED, rejected.message());
    assertTrue(ces.server.requests.get(ces.server.requests.size() - 1).contains("not-the-password-42"),
        "the password travels in the UsernameToken (inside TLS), nowhere else");
  }

  @Test
  void theCertificateInstanceRefusesACallerWithoutClientCertificate() throws Exception {
    ces.config.put("scepra.endpoint.user.adcs.url", ces.server.url(false).toString()); // username auth, cert URL
    IssueResult.Rejected rejected = assertInstanceOf(IssueResult.Rejected.class,
        ces.backend().issue(CesFixture.request("user", "signature", device, "CN=x")));
    assertEquals(Enrollments.UNREACHABLE, rejected);
    assertTrue(ces.backend().health("user").detail().contains("HTTP 403"), ces.backend().health("user")::detail);
  }

  @Test
  void cesDownOrSilentIsUnavailableWithinTheTimeouts() throws Exception {
    ces.config.put("scepra.endpoint.cert.adcs.read-timeout-ms", "2000");
    ces.server.delayMillis = Duration.ofSeconds(30).toMillis();
    long start = System.nanoTime();
    IssueResult result = ces.backend().issue(CesFixture.request("cert", "signature", device, "CN=slow"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(Enrollments.UNREACHABLE, result);
    assertTrue(millis < 20_000, "the 2 s read timeout ended the call after " + millis + " ms");

    ces.server.close();
    assertEquals(Enrollments.UNREACHABLE, ces.backend().issue(CesFixture.request("cert", "signature", device, "CN=d")));
  }
}
