package org.scepra.spi;

/**
 * Optional: a backend that answers {@link IssueResult.Pending} is asked again when the client polls
 * (CertPoll) or a background sweep runs. Must be idempotent: asking twice for an issued request
 * returns the same certificate, never a second one.
 */
public interface PendingPoller {

  /**
   * @param request the original request, as first handed to {@link CaBackend#issue}
   * @param reference the backend's handle from {@link IssueResult.Pending#reference()}
   */
  IssueResult poll(IssueRequest request, String reference);
}
