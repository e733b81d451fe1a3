package org.scepra.backend.ejbca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.scepra.backend.ejbca.EjbcaIssueTest.certificate;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;

/** Enrolments that an EJBCA administrator has to approve: PENDING, then polled to an answer. */
class EjbcaApprovalTest {

  @TempDir Path dir;
  EjbcaFixture fixture;
  EjbcaCaBackend backend;
  IssueRequest request;

  @BeforeEach
  void start() throws Exception {
    fixture = new EjbcaFixture(dir);
    fixture.ejbca.enrolmentNeedsApproval = true;
    backend = fixture.backend();
    request = TestCsrs.request(EjbcaFixture.ALIAS, "tx-1", "CN=dev1");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void isPendingUntilApprovedThenIssuesOnce() throws Exception {
    String reference = pending(backend.issue(request));
    assertEquals(reference, pending(backend.poll(request, reference)));

    fixture.ejbca.approve(requestId(reference));
    var certificate = certificate(backend.poll(request, reference));

    assertArrayEquals(request.csr().getSubjectPublicKeyInfo().getEncoded(), certificate.getPublicKey().getEncoded());
    assertEquals(certificate, certificate(backend.poll(request, reference)), "polling again gives the same certificate");
    assertEquals(1, fixture.ejbca.ca.issued.size());
  }

  @Test
  void isRejectedWhenTheAdministratorRejects() {
    String reference = pending(backend.issue(request));
    fixture.ejbca.reject(requestId(reference));

    assertEquals(ApprovalPoller.REJECTED, backend.poll(request, reference));
  }

  @Test
  void isRejectedWhenTheApprovalExpiredOrIsUnknown() {
    String reference = pending(backend.issue(request));
    fixture.ejbca.expire(requestId(reference));

    assertEquals(ApprovalPoller.EXPIRED, backend.poll(request, reference));
    assertEquals(ApprovalPoller.UNKNOWN, backend.poll(request, "approval:12345:scepra-tx-1"));
    assertEquals(ApprovalPoller.UNKNOWN, backend.poll(request, "something-else"));
  }

  @Test
  void aSecondRequestForTheSameEndEntityWhileWaitingIsRefused() {
    pending(backend.issue(request));

    assertEquals(FaultMapping.ALREADY_WAITING, backend.issue(request));
  }

  @Test
  void afterARestartSetsANewPasswordAndIssues() throws Exception {
    String reference = pending(backend.issue(request));
    fixture.ejbca.approve(requestId(reference));
    fixture.ejbca.enrolmentNeedsApproval = false; // the edit that sets a new password needs none here

    EjbcaCaBackend restarted = fixture.backend();
    var certificate = certificate(restarted.poll(request, reference));

    assertEquals(2, fixture.ejbca.edits.size());
    assertNotEquals(fixture.ejbca.edits.get(0).password, fixture.ejbca.edits.get(1).password);
    assertEquals(certificate, certificate(restarted.poll(request, reference)));
  }

  @Test
  void afterARestartAnEditThatNeedsApprovalToo() {
    String reference = pending(backend.issue(request));
    fixture.ejbca.approve(requestId(reference));

    String again = pending(fixture.backend().poll(request, reference));

    assertNotEquals(reference, again);
  }

  @Test
  void staysPendingWhileEjbcaCannotBeAsked() {
    String reference = pending(backend.issue(request));
    fixture.close();

    assertEquals(reference, pending(backend.poll(request, reference)));
  }

  private static String pending(IssueResult result) {
    return assertInstanceOf(IssueResult.Pending.class, result, result::toString).reference();
  }

  private static int requestId(String reference) {
    return ApprovalReference.parse(reference).orElseThrow().requestId();
  }
}
