package org.scepra.spi;

/**
 * Optional: a backend that answers {@link IssueResult.Pending} is asked again when the client polls
 * (CertPoll), when its retransmission comes, or when a background sweep runs, from any node, possibly
 * concurrently for the same request. Must be idempotent: asking twice for an issued request returns the same
 * certificate, never a second one. A {@link RuntimeException} or {@link IssueResult.Reason#CA_UNAVAILABLE}
 * leaves the request pending (asked again later); a {@link IssueResult.Pending} with another reference
 * replaces the stored one.
 */
public interface PendingPoller {

  /**
   * @param request the original request, as first handed to {@link CaBackend#issue}
   * @param reference the backend's handle from {@link IssueResult.Pending#reference()}
   */
  IssueResult poll(IssueRequest request, String reference);

  /**
   * Called after the RA has durably recorded a final result ({@link IssueResult.Issued} or
   * {@link IssueResult.Rejected}) that {@link #poll} returned, so the backend may now clean up
   * (e.g. archive a picked-up file). Until then the backend must keep what it returned; if the RA
   * crashes before this call, a later poll must return the same result again.
   */
  default void settled(IssueRequest request, String reference) {}

  /**
   * Whether {@link CaBackend#issue} can answer {@link IssueResult.Issued} within the request for this endpoint, and
   * answers PENDING only now and then (an approval the CA requires for some requests), rather than for every request
   * (an offline CA). Endpoints that cannot wait, such as Intune's, refuse a backend that says no at start-up.
   */
  default boolean issuesAtOnce(String endpointAlias) {
    return false;
  }
}
