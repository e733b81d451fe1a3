package org.scepra.backend.filedrop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;

/** poll(): the CA's answers, and the checks a certificate must pass. */
class FileDropAnswersTest {

  static final IssueResult MISMATCH =
      new IssueResult.Rejected(IssueResult.Reason.BAD_REQUEST, FileDropQueue.MISMATCH);

  @TempDir Path dir;
  QueueFixture fixture;
  FileDropBackend backend;
  IssueRequest request;
  String id;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new QueueFixture(dir);
    backend = fixture.backend();
    request = QueueFixture.request("tx-answer", "CN=device-a,O=Example");
    id = QueueFixture.queued(backend, request);
  }

  @Test
  void aRejectionEndsWithItsSanitizedFirstLine() throws Exception {
    fixture.answer(
        id + ".rejected", "\u001b[31mnot on the\u202e allow-list  \nticket 42\n".getBytes(UTF_8));
    assertEquals(
        new IssueResult.Pending(id), backend.poll(request, id), "judged once the file has settled");

    fixture.settledAnswer(
        id + ".rejected", "\u001b[31mnot on the\u202e allow-list  \nticket 42\n".getBytes(UTF_8));
    assertEquals(
        new IssueResult.Rejected(IssueResult.Reason.BAD_REQUEST, "[31mnot on the allow-list"),
        backend.poll(request, id));
    assertTrue(Files.exists(fixture.file("inbox", id + ".rejected")), "kept until settled");
  }

  static Stream<Arguments> validAnswers() {
    X509Certificate ca = QueueFixture.CA.certificate();
    return Stream.of(
        Arguments.of(
            "PEM", (Function<X509Certificate, byte[]>) leaf -> TestPki.pem(leaf).getBytes(UTF_8)),
        Arguments.of("DER", (Function<X509Certificate, byte[]>) FileDropAnswersTest::der),
        Arguments.of(
            "DER with chain",
            (Function<X509Certificate, byte[]>) leaf -> concat(der(leaf), der(ca))),
        Arguments.of(
            "PEM with chain",
            (Function<X509Certificate, byte[]>) leaf -> TestPki.pem(leaf, ca).getBytes(UTF_8)),
        Arguments.of(
            "PEM, CA first",
            (Function<X509Certificate, byte[]>) leaf -> TestPki.pem(ca, leaf).getBytes(UTF_8)),
        Arguments.of(
            "PEM after text",
            (Function<X509Certificate, byte[]>)
                leaf -> ("Certificate:\n    Data: ...\n" + TestPki.pem(leaf, ca)).getBytes(UTF_8)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validAnswers")
  void aMatchingCertificateIsIssued(String form, Function<X509Certificate, byte[]> encoding)
      throws Exception {
    X509Certificate leaf = TestPki.issue(QueueFixture.CA, request.csr());
    fixture.answer(id + ".crt", encoding.apply(leaf));

    IssueResult.Issued issued =
        assertInstanceOf(IssueResult.Issued.class, backend.poll(request, id));
    assertEquals(leaf, issued.certificate());
    assertEquals(List.of(QueueFixture.CA.certificate()), issued.chain(), "the configured chain");
    assertEquals(issued, backend.poll(request, id), "the same answer until settled");
  }

  static Stream<Arguments> mismatches() {
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=device-a,O=Example");
    TestPki.Ca sameNameOtherKey =
        TestPki.ca("CN=File-drop Test CA,O=scepra tests", TestPki.OTHER_KEY);
    TestPki.Ca otherCa = TestPki.ca("CN=Another CA");
    return Stream.of(
        Arguments.of(
            "another key",
            TestPki.pem(
                TestPki.issue(
                    QueueFixture.CA,
                    subject,
                    TestPki.OTHER_KEY.getPublic(),
                    now,
                    Duration.ofDays(30),
                    false))),
        Arguments.of(
            "another subject",
            TestPki.pem(
                TestPki.issue(
                    QueueFixture.CA,
                    new X500Name("CN=device-b"),
                    TestPki.DEVICE_KEY.getPublic(),
                    now,
                    Duration.ofDays(30),
                    false))),
        Arguments.of(
            "another CA",
            TestPki.pem(
                TestPki.issue(
                    otherCa,
                    subject,
                    TestPki.DEVICE_KEY.getPublic(),
                    now,
                    Duration.ofDays(30),
                    false))),
        Arguments.of(
            "forged CA name",
            TestPki.pem(
                TestPki.issue(
                    sameNameOtherKey,
                    subject,
                    TestPki.DEVICE_KEY.getPublic(),
                    now,
                    Duration.ofDays(30),
                    false))),
        Arguments.of(
            "expired",
            TestPki.pem(
                TestPki.issue(
                    QueueFixture.CA,
                    subject,
                    TestPki.DEVICE_KEY.getPublic(),
                    now.minus(Duration.ofDays(31)),
                    Duration.ofDays(30),
                    false))),
        Arguments.of(
            "not yet valid",
            TestPki.pem(
                TestPki.issue(
                    QueueFixture.CA,
                    subject,
                    TestPki.DEVICE_KEY.getPublic(),
                    now.plus(Duration.ofHours(1)),
                    Duration.ofDays(30),
                    false))),
        Arguments.of(
            "a CA certificate",
            TestPki.pem(
                TestPki.issue(
                    QueueFixture.CA,
                    subject,
                    TestPki.DEVICE_KEY.getPublic(),
                    now,
                    Duration.ofDays(30),
                    true))),
        Arguments.of(
            "not a certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
        Arguments.of("empty", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mismatches")
  void aCertificateThatDoesNotMatchIsQuarantinedAndRefused(String problem, String answer)
      throws Exception {
    fixture.settledAnswer(id + ".crt", answer.getBytes(UTF_8));

    assertEquals(MISMATCH, backend.poll(request, id));
    assertFalse(Files.exists(fixture.file("inbox", id + ".crt")));
    assertEquals(
        answer, Files.readString(fixture.file("quarantine", id + ".crt")), "moved, never deleted");
    assertEquals(
        MISMATCH, backend.poll(request, id), "still refused if the RA did not get to record it");
  }

  @Test
  void aMismatchStillBeingWrittenIsNotJudgedYet() throws Exception {
    byte[] half =
        TestPki.pem(TestPki.issue(QueueFixture.CA, request.csr()))
            .substring(0, 300)
            .getBytes(UTF_8);
    fixture.answer(id + ".crt", half);

    assertEquals(new IssueResult.Pending(id), backend.poll(request, id));
    assertTrue(
        Files.exists(fixture.file("inbox", id + ".crt")), "left alone while it may be written to");
  }

  @Test
  void aCorrectAnswerAfterAnEarlierQuarantineIsIssued() throws Exception {
    fixture.settledAnswer(
        id + ".crt",
        TestPki.pem(
                TestPki.issue(
                    QueueFixture.CA,
                    new X500Name("CN=device-a,O=Example"),
                    TestPki.OTHER_KEY.getPublic(),
                    Instant.now(),
                    Duration.ofDays(30),
                    false))
            .getBytes(UTF_8));
    assertEquals(MISMATCH, backend.poll(request, id));

    X509Certificate leaf = TestPki.issue(QueueFixture.CA, request.csr());
    fixture.answer(id + ".crt", der(leaf));
    assertEquals(
        leaf, assertInstanceOf(IssueResult.Issued.class, backend.poll(request, id)).certificate());
  }

  @Test
  void anAnswerIsNotCheckedWithoutTheCaCertificateAndStaysInTheInbox() throws Exception {
    Files.delete(fixture.caFile);
    fixture.settledAnswer(id + ".crt", der(TestPki.issue(QueueFixture.CA, request.csr())));

    IssueResult result = backend.poll(request, id);
    assertEquals(
        new IssueResult.Rejected(IssueResult.Reason.CA_UNAVAILABLE, FileDropQueue.UNAVAILABLE),
        result,
        "the RA keeps the request PENDING");
    assertTrue(Files.exists(fixture.file("inbox", id + ".crt")));
  }

  static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
