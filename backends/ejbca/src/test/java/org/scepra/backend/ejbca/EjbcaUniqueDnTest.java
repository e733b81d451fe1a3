package org.scepra.backend.ejbca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scepra.backend.ejbca.EjbcaIssueTest.certificate;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.IssueResult;

/**
 * Renewal and re-enrolment against a CA that enforces unique subject DNs across end entities, as a new EJBCA CA
 * does: each device keeps one end entity, or moves to the one that has its DN.
 */
class EjbcaUniqueDnTest {
  static final String ALIAS = EjbcaFixture.ALIAS;

  @TempDir Path dir;
  EjbcaFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new EjbcaFixture(dir);
    assertTrue(fixture.ejbca.enforceUniqueDn, "the double enforces unique DNs, as EJBCA does by default");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void theDoubleRefusesADnThatAnotherEndEntityHasAsEjbcaDoes() {
    fixture.set("username-from", "transaction-id");
    EjbcaCaBackend backend = fixture.backend();
    fixture.ejbca.scripted.put("findUser", DoubleFaults.generic("findUser is not allowed here"));
    certificate(backend.issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1,O=Probe")));

    // without finding the DN's end entity (findUser fails) the renewal is the refusal the reporter saw
    assertEquals(FaultMapping.DUPLICATE, backend.issue(TestCsrs.request(ALIAS, "tx-2", "CN=dev1,O=Probe")));
  }

  @Test
  void byDefaultADeviceRenewsAndReEnrollsAsItsOneEndEntity() {
    EjbcaCaBackend backend = fixture.backend();

    X509Certificate first = certificate(backend.issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1,O=Probe")));
    X509Certificate renewed = certificate(backend.issue(TestCsrs.request(ALIAS, "tx-2", "CN=dev1,O=Probe")));
    X509Certificate again = certificate(backend.issue(TestCsrs.request(ALIAS, "tx-3", "CN=dev1,O=Probe")));

    assertEquals("scepra-dev1", owner(first));
    assertEquals("scepra-dev1", owner(renewed));
    assertEquals("scepra-dev1", owner(again));
    assertEquals(List.of("scepra-dev1"), List.copyOf(fixture.ejbca.users.keySet()));
  }

  @Test
  void withOneEndEntityPerTransactionARenewalMovesToTheEndEntityThatHasTheDn() {
    fixture.set("username-from", "transaction-id");
    EjbcaCaBackend backend = fixture.backend();
    X509Certificate first = certificate(backend.issue(TestCsrs.request(ALIAS, "tx-1", "O=Probe,CN=dev1")));

    X509Certificate renewed = certificate(backend.issue(TestCsrs.request(ALIAS, "tx-2", "O=Probe,CN=dev1")));

    assertEquals("scepra-tx-1", owner(first));
    assertEquals("scepra-tx-1", owner(renewed), "issued to the end entity that has the DN");
    assertEquals(first.getSubjectX500Principal(), renewed.getSubjectX500Principal());
    List<String> edited = fixture.ejbca.edits.stream().map(user -> user.username).toList();
    assertEquals(List.of("scepra-tx-1", "scepra-tx-2", "scepra-tx-1"), edited);
  }

  @Test
  void afterTheDefaultChangedADeviceEnrolledPerTransactionStillRenews() {
    EjbcaCaBackend before = fixture.set("username-from", "transaction-id").backend();
    X509Certificate first = certificate(before.issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1")));
    EjbcaCaBackend after = fixture.remove("username-from").backend();

    X509Certificate renewed = certificate(after.issue(TestCsrs.request(ALIAS, "tx-2", "CN=dev1")));

    assertEquals("scepra-tx-1", owner(first));
    assertEquals("scepra-tx-1", owner(renewed));
  }

  @Test
  void anEndEntityThatIsNotScepraIsLeftAloneAndTheRequestRefused() throws Exception {
    UserDataVOWS someoneElses = new UserDataVOWS();
    someoneElses.username = "jdoe";
    someoneElses.password = "admin-set-123";
    someoneElses.subjectDN = "CN=dev1";
    someoneElses.caName = EjbcaDouble.CA_NAME;
    someoneElses.status = UserDataVOWS.STATUS_NEW;
    someoneElses.tokenType = UserDataVOWS.TOKEN_USERGENERATED;
    someoneElses.endEntityProfileName = "EMPTY";
    someoneElses.certificateProfileName = "ENDUSER";
    fixture.ejbca.editUser(someoneElses);
    fixture.ejbca.pkcs10Request("jdoe", "admin-set-123",
        Base64.getEncoder().encodeToString(TestCsrs.csr("CN=dev1").getEncoded()));

    IssueResult result = fixture.backend().issue(TestCsrs.request(ALIAS, "tx-1", "CN=dev1"));

    assertEquals(FaultMapping.DUPLICATE, result);
    assertInstanceOf(IssueResult.Rejected.class, result);
    assertEquals(1, fixture.ejbca.edits.stream().filter(user -> user.username.equals("jdoe")).count(),
        "jdoe was not changed");
  }

  @Test
  void theSameKeyForAnotherEndEntityIsRefusedAsEjbcaDoes() {
    var keys = TestPki.ecKeys();
    EjbcaCaBackend backend = fixture.backend();
    certificate(backend.issue(TestCsrs.request(ALIAS, "tx-1", TestCsrs.csr(keys, "CN=dev1"))));

    assertEquals(FaultMapping.DUPLICATE, backend.issue(TestCsrs.request(ALIAS, "tx-2", TestCsrs.csr(keys, "CN=dev2"))));
  }

  private String owner(X509Certificate certificate) {
    return fixture.ejbca.owners.get(certificate.getSerialNumber());
  }
}
