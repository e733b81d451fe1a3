package org.scepra.backend.ejbca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The double answers reads and revocations like EJBCA CE 8.2: its raw SOAP output has the
 * structure of the captures in {@code /ejbca-captures} (certificate and CRL bytes aside).
 */
class GoldenReadsTest {

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
  void version() throws Exception {
    assertAnswer("getEjbcaVersion.xml", 200, post("getEjbcaVersion", ""));
  }

  @Test
  void availableCas() throws Exception {
    assertAnswer("getAvailableCAs.xml", 200, post("getAvailableCAs", ""));
  }

  @Test
  void caChain() throws Exception {
    assertAnswer("getLastCAChain.xml", 200, post("getLastCAChain", RawSoap.arg(0, "ManagementCA")), "certificateData");
  }

  @Test
  void caChainOfUnknownCa() throws Exception {
    assertAnswer("getLastCAChain-noca.xml", 500, post("getLastCAChain", RawSoap.arg(0, "NoCA")));
  }

  @Test
  void crl() throws Exception {
    assertAnswer("getLatestCRL.xml", 200,
        post("getLatestCRL", RawSoap.arg(0, "ManagementCA") + RawSoap.arg(1, "false")), "return");
  }

  @Test
  void crlOfUnknownCa() throws Exception {
    assertAnswer("getLatestCRL-noca.xml", 500, post("getLatestCRL", RawSoap.arg(0, "NoCA") + RawSoap.arg(1, "false")));
  }

  @Test
  void revoke() throws Exception {
    assertAnswer("revoke-ok.xml", 200, post("revokeCert", revokeArgs(issue())));
  }

  @Test
  void revokeAgain() throws Exception {
    String serial = issue();
    post("revokeCert", revokeArgs(serial));
    HttpResponse<String> again = post("revokeCert", revokeArgs(serial));
    assertEquals(500, again.statusCode());
    // the capture's certificate had another serial number
    SoapShape.assertSame(RawSoap.capture("revoke-again.xml"), again.body(), Set.of(),
        text -> text.replaceAll("[0-9a-f]{20,}", "<serial>"));
  }

  @Test
  void revokeWithUnknownIssuer() throws Exception {
    String args = RawSoap.arg(0, "CN=Nope") + RawSoap.arg(1, issue()) + RawSoap.arg(2, "1");
    assertAnswer("revoke-unknownissuer.xml", 500, post("revokeCert", args));
  }

  @Test
  void revokeUnknownSerial() throws Exception {
    assertAnswer("revoke-unknownserial.xml", 500, post("revokeCert", revokeArgs("1234")));
  }

  @Test
  void findUserByDn() throws Exception {
    issue();
    assertAnswer("findUser.xml", 200, post("findUser", match(UserMatch.MATCH_WITH_DN, "CN=dev1")));
  }

  @Test
  void findUserByCommonName() throws Exception {
    issue();
    assertAnswer("findUser.xml", 200, post("findUser", match(UserMatch.MATCH_WITH_COMMONNAME, "dev1")));
  }

  @Test
  void findUserWithoutMatch() throws Exception {
    issue();
    assertAnswer("findUser-none.xml", 200, post("findUser", match(UserMatch.MATCH_WITH_DN, "CN=nobody")));
  }

  private static String match(int matchWith, String value) {
    return "<arg0><matchtype>" + UserMatch.MATCH_TYPE_EQUALS + "</matchtype><matchvalue>" + value
        + "</matchvalue><matchwith>" + matchWith + "</matchwith></arg0>";
  }

  private String issue() throws Exception {
    post("editUser", RawSoap.user("dev1", "foo123", "ManagementCA", "EMPTY"));
    String csr = Base64.getEncoder().encodeToString(TestCsrs.csr("CN=dev1").getEncoded());
    post("pkcs10Request", RawSoap.arg(0, "dev1") + RawSoap.arg(1, "foo123") + RawSoap.arg(2, csr) + RawSoap.arg(4, "CERTIFICATE"));
    return fixture.ejbca.lastCertificate.get("dev1").getSerialNumber().toString(16);
  }

  private static String revokeArgs(String serial) {
    return RawSoap.arg(0, TestPki.CA_DN) + RawSoap.arg(1, serial) + RawSoap.arg(2, "1");
  }

  private HttpResponse<String> post(String operation, String arguments) throws Exception {
    return RawSoap.post(fixture.server.url(), ra, operation, arguments);
  }

  static void assertAnswer(String capture, int status, HttpResponse<String> response, String... binary) throws Exception {
    assertEquals(status, response.statusCode(), response::body);
    SoapShape.assertSame(RawSoap.capture(capture), response.body(), binary);
  }
}
