package org.scepra.backend.ejbca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scepra.spi.IssueResult;

/** Each fault EJBCA sends during an enrolment becomes the README's Rejected reason and text. */
class EjbcaFaultMappingTest {

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

  static Stream<Arguments> faults() {
    return Stream.of(
        row("unknown CA (CADoesntExistsException)", f -> f.set("ca-name", "NoSuchCA"), FaultMapping.CA_REFUSED),
        row("unknown end entity profile", f -> f.set("end-entity-profile", "NOPE"), FaultMapping.CA_REFUSED),
        row("unknown certificate profile", f -> f.set("certificate-profile", "NOPE"), FaultMapping.CA_REFUSED),
        row("RA not an administrator (AuthorizationDeniedException)", f -> f.ejbca.admins.clear(), FaultMapping.CA_REFUSED),
        row("web service switched off (no detail)",
            f -> script(f, "editUser", DoubleFaults.generic("Web service is disabled")), FaultMapping.CA_REFUSED),
        row("approval already waiting (ApprovalException)",
            f -> script(f, "editUser", DoubleFaults.withCode(EjbcaFault.APPROVAL, "APPROVAL_ALREADY_EXISTS", "exists")),
            FaultMapping.ALREADY_WAITING),
        row("wrong password (LOGIN_ERROR)",
            f -> script(f, "pkcs10Request", DoubleFaults.withCode("EjbcaException", "LOGIN_ERROR", "bad")),
            FaultMapping.NOT_COMPLETED),
        row("already issued (USER_WRONG_STATUS)",
            f -> script(f, "pkcs10Request", DoubleFaults.withCode("EjbcaException", "USER_WRONG_STATUS", "40")),
            FaultMapping.NOT_COMPLETED),
        row("end entity gone (NotFoundException)",
            f -> script(f, "pkcs10Request", DoubleFaults.notFound("Wrong username or password")), FaultMapping.NOT_COMPLETED),
        row("EJBCA internal error",
            f -> script(f, "pkcs10Request", DoubleFaults.withCode("EjbcaException", "INTERNAL_ERROR", "boom")),
            FaultMapping.NOT_COMPLETED),
        row("key too small (ILLEGAL_KEY)",
            f -> script(f, "pkcs10Request", DoubleFaults.withCode("EjbcaException", "ILLEGAL_KEY", "short")), FaultMapping.KEY),
        row("key used by another end entity",
            f -> script(f, "pkcs10Request", DoubleFaults.withCode("CesecoreException",
                "CERTIFICATE_FOR_THIS_KEY_ALREADY_EXISTS_FOR_ANOTHER_USER", "dup")), FaultMapping.DUPLICATE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void mapsTheFault(String name, Consumer<EjbcaFixture> setup, IssueResult.Rejected expected) {
    setup.accept(fixture);

    IssueResult result = fixture.backend().issue(TestCsrs.request(EjbcaFixture.ALIAS, "tx-1", "CN=dev1"));

    assertEquals(expected, result);
  }

  @org.junit.jupiter.api.Test
  void aSubjectTheProfileRefusesIsABadRequest() {
    // EJBCA's EMPTY end entity profile has one OU field
    IssueResult result = fixture.backend().issue(TestCsrs.request(EjbcaFixture.ALIAS, "tx-1", "CN=dev1,OU=One,OU=Two"));

    assertEquals(FaultMapping.POLICY, result);
  }

  private static Arguments row(String name, Consumer<EjbcaFixture> setup, IssueResult.Rejected expected) {
    return Arguments.of(name, setup, expected);
  }

  private static void script(EjbcaFixture fixture, String operation, jakarta.xml.ws.soap.SOAPFaultException fault) {
    fixture.ejbca.scripted.put(operation, fault);
  }
}
