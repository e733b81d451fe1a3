package org.scepra.backend.adcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.spi.IssueResult.Reason;

/** A template with CA certificate manager approval: PENDING by RequestID, then issued or denied. */
class AdcsApprovalTest {

  CesFixture ces;
  AdcsCaBackend backend;
  final KeyPair device = CesPki.keys(2048);

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    ces = new CesFixture(dir);
    ces.ca.offer(ces.ca.templates.get("ScepraGeneralPurpose").withManagerApproval(true));
    backend = ces.backend();
  }

  @AfterEach
  void stop() {
    ces.close();
  }

  @Test
  void pendingUntilAManagerIssuesThenTheSameCertificateOnEveryPoll() throws Exception {
    IssueRequest request = CesFixture.request("user", "general-purpose", device, "CN=approve-me");
    IssueResult.Pending pending = assertInstanceOf(IssueResult.Pending.class, backend.issue(request));
    assertEquals(Integer.toString(ces.ca.lastPendingRequest()), pending.reference(), "the CA's RequestID");
    assertEquals(pending, backend.poll(request, pending.reference()), "still waiting for the CA manager");

    ces.ca.approve(Integer.parseInt(pending.reference()));
    IssueResult.Issued issued = assertInstanceOf(IssueResult.Issued.class, backend.poll(request, pending.reference()));
    assertEquals("CN=approve-me", issued.certificate().getSubjectX500Principal().getName());
    IssueResult.Issued again = assertInstanceOf(IssueResult.Issued.class, backend.poll(request, pending.reference()));
    assertEquals(issued.certificate(), again.certificate(), "QueryTokenStatus returns the same certificate");
  }

  @Test
  void aDeniedRequestIsABadRequestWithTheHresult() throws Exception {
    IssueRequest request = CesFixture.request("cert", "general-purpose", device, "CN=deny-me");
    IssueResult.Pending pending = assertInstanceOf(IssueResult.Pending.class, backend.issue(request));
    ces.ca.deny(Integer.parseInt(pending.reference()));
    IssueResult.Rejected rejected = assertInstanceOf(IssueResult.Rejected.class, backend.poll(request, pending.reference()));
    assertEquals(Reason.BAD_REQUEST, rejected.reason());
    assertEquals("the CA administrator denied the request (AD CS 0x80094014)", rejected.message());
  }

  @Test
  void whileCesIsDownAPendingRequestStaysPending() throws Exception {
    IssueRequest request = CesFixture.request("cert", "general-purpose", device, "CN=wait");
    IssueResult.Pending pending = assertInstanceOf(IssueResult.Pending.class, backend.issue(request));
    ces.server.close();
    assertEquals(pending, backend.poll(request, pending.reference()));
  }

  @Test
  void aRequestIdTheCaDoesNotKnowIsABadRequest() throws Exception {
    IssueRequest request = CesFixture.request("cert", "general-purpose", device, "CN=unknown");
    IssueResult.Rejected rejected = assertInstanceOf(IssueResult.Rejected.class, backend.poll(request, "999999"));
    assertEquals(Reason.BAD_REQUEST, rejected.reason());
    assertEquals("the CA does not know this pending request (AD CS 0x80094002)", rejected.message());
  }
}
