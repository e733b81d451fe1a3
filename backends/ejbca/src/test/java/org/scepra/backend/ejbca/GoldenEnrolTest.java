package org.scepra.backend.ejbca;

import static org.scepra.backend.ejbca.GoldenReadsTest.assertAnswer;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The double answers editUser and pkcs10Request like the captures, faults included. */
class GoldenEnrolTest {

  @TempDir Path dir;
  EjbcaFixture fixture;
  SSLContext ra;

  @BeforeEach
  void start() throws Exception {
    fixture = new EjbcaFixture(dir);
    ra = RawSoap.clientTls(fixture.pki);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void editUser() throws Exception {
    assertAnswer("editUser-ok.xml", 200, post("editUser", RawSoap.user("dev1", "foo123", "ManagementCA", "EMPTY")));
  }

  @Test
  void editUserWithUnknownEndEntityProfile() throws Exception {
    assertAnswer("editUser-badEEP.xml", 500, post("editUser", RawSoap.user("dev1", "foo123", "ManagementCA", "NOPE")));
  }

  @Test
  void editUserWithUnknownCa() throws Exception {
    assertAnswer("editUser-unknownCA.xml", 500, post("editUser", RawSoap.user("dev1", "foo123", "NoSuchCA", "EMPTY")));
  }

  @Test
  void editUserWithoutClientCertificate() throws Exception {
    try (DoubleServer optional = DoubleServer.startCertificateOptional(fixture.pki, fixture.ejbca)) {
      HttpResponse<String> response = RawSoap.post(optional.url(), RawSoap.anonymousTls(fixture.pki), "editUser",
          RawSoap.user("dev1", "foo123", "ManagementCA", "EMPTY"));
      assertAnswer("editUser-noclientcert.xml", 500, response);
    }
  }

  @Test
  void pkcs10Request() throws Exception {
    post("editUser", RawSoap.user("dev1", "foo123", "ManagementCA", "EMPTY"));
    assertAnswer("pkcs10-ok.xml", 200, pkcs10("dev1", "foo123"), "data");
  }

  @Test
  void pkcs10RequestAgain() throws Exception {
    post("editUser", RawSoap.user("dev1", "foo123", "ManagementCA", "EMPTY"));
    pkcs10("dev1", "foo123");
    assertAnswer("pkcs10-again.xml", 500, pkcs10("dev1", "foo123"));
  }

  @Test
  void pkcs10RequestWithWrongPassword() throws Exception {
    post("editUser", RawSoap.user("dev1", "foo123", "ManagementCA", "EMPTY"));
    assertAnswer("pkcs10-badpwd.xml", 500, pkcs10("dev1", "wrong"));
  }

  @Test
  void pkcs10RequestForUnknownUser() throws Exception {
    assertAnswer("pkcs10-nouser.xml", 500, pkcs10("nobody", "foo123"));
  }

  private HttpResponse<String> pkcs10(String username, String password) throws Exception {
    String csr = Base64.getEncoder().encodeToString(TestCsrs.csr("CN=" + username).getEncoded());
    return post("pkcs10Request",
        RawSoap.arg(0, username) + RawSoap.arg(1, password) + RawSoap.arg(2, csr) + RawSoap.arg(4, "CERTIFICATE"));
  }

  private HttpResponse<String> post(String operation, String arguments) throws Exception {
    return RawSoap.post(fixture.server.url(), ra, operation, arguments);
  }
}
