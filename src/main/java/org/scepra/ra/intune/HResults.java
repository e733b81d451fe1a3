package org.scepra.ra.intune;

import org.scepra.spi.IssueResult;

/**
 * The HRESULTs scepra reports to Intune in a failureNotification when a validated request was not issued (shown
 * to the Intune administrator with the description). Standard Windows codes whose own texts fit; the README
 * documents the table.
 */
public final class HResults {
  /** E_INVALIDARG, "The parameter is incorrect": the CA refused the request (its policy, subject, profile). */
  public static final int CA_REFUSED = 0x80070057;
  /** NTE_BAD_ALGID, "Invalid algorithm specified": the CA does not accept the request's key or algorithm. */
  public static final int BAD_ALGORITHM = 0x80090008;
  /** RPC_S_SERVER_UNAVAILABLE, "The RPC server is unavailable": the CA could not be reached (as NDES reports it). */
  public static final int CA_UNAVAILABLE = 0x800706BA;
  /** E_PENDING: the CA queued the request for an approval; Intune has no pending state, so it failed. */
  public static final int CA_PENDING = 0x8000000A;

  private HResults() {}

  /** The HRESULT for a backend's answer that is not a certificate. */
  public static int of(IssueResult result) {
    if (result instanceof IssueResult.Rejected rejected) {
      return switch (rejected.reason()) {
        case BAD_REQUEST -> CA_REFUSED;
        case BAD_ALGORITHM -> BAD_ALGORITHM;
        case CA_UNAVAILABLE -> CA_UNAVAILABLE;
      };
    }
    if (result instanceof IssueResult.Pending) {
      return CA_PENDING;
    }
    throw new IllegalArgumentException("an issued certificate is not a failure");
  }
}
