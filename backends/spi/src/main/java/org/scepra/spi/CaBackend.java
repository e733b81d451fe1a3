package org.scepra.spi;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The contract every CA backend implements. A backend is a CDI bean qualified with {@link Backend}
 * and chosen per endpoint by configuration ({@code scepra.endpoint.<alias>.backend}); a backend in a
 * jar of its own is found the same way once the jar is in the WAR's {@code WEB-INF/lib} with a
 * {@code META-INF/beans.xml}.
 *
 * <p>One bean serves every endpoint configured with it; per-endpoint settings are read under
 * {@code scepra.endpoint.<alias>.<backend>.*}, the alias coming with each call.
 *
 * <p>Optional capabilities are separate interfaces a backend may also implement, checked with
 * {@code instanceof}: {@link PendingPoller}, {@link CrlSource}, {@link CertificateRevoker},
 * {@link NextCaSource}, {@link CaRollover}.
 *
 * <h2>What scepra guarantees a backend</h2>
 * <ul>
 *   <li><b>Threads.</b> Every method is called from many threads at once (the server's request threads,
 *       readiness probes, background sweeps), for one endpoint or several: a backend must be thread-safe.
 *   <li><b>Authorized requests only.</b> {@link #issue} sees a request only after the RA's checks (policy,
 *       challenge or renewal, lock-out, manual approval) passed and its CSR's self-signature verified.
 *   <li><b>No database transaction is open</b> during any call: a backend may take its time (within its own
 *       timeouts) without holding scepra's locks.
 *   <li><b>Recorded before told.</b> What {@link #issue} returns is stored before the device hears of it;
 *       a device's retransmission is answered from that record, not by a second call.
 *   <li><b>Exceptions.</b> A {@link RuntimeException} from {@link #issue} is treated as
 *       {@link IssueResult.Reason#CA_UNAVAILABLE}: logged, the device gets a FAILURE saying to try again, and
 *       nothing final is recorded, so its retransmission calls {@link #issue} again.
 * </ul>
 *
 * <h2>What a backend must guarantee</h2>
 * <ul>
 *   <li><b>Bounded calls.</b> scepra sets no timeout of its own: every call to a CA must have connect and
 *       read timeouts, shorter than {@code scepra.transaction.claim-timeout-seconds} (default 120 s).
 *   <li><b>Idempotence per transaction.</b> {@link #issue} may be called again for the same endpoint and
 *       transactionID: after {@link IssueResult.Reason#CA_UNAVAILABLE} or an exception, and when a node died
 *       between the call and recording its result. Asking the CA again must not fail because of the first
 *       attempt (reuse what it created), and must not leave two live certificates where the CA can avoid it.
 *   <li><b>Nothing secret</b> in a {@link IssueResult.Rejected#message()} (it reaches the device) or in a
 *       {@link BackendHealth#detail()} (it is served by {@code /status/ready}).
 * </ul>
 */
public interface CaBackend {

  /**
   * Issues a certificate for an already authorized request, or says it is pending or rejected.
   *
   * <p>scepra also obtains the endpoint's own RA certificates through this method, with the profiles
   * {@code ra-signing} (digitalSignature) and {@code ra-encryption} (keyEncipherment): a backend that maps
   * profiles to the CA's own (certificate profiles, templates) should let an administrator map these two, and
   * must not issue both with the same key usages.
   *
   * @return never null: {@link IssueResult.Issued}, {@link IssueResult.Pending} (only if the backend also
   *     implements {@link PendingPoller}) or {@link IssueResult.Rejected}
   */
  IssueResult issue(IssueRequest request);

  /**
   * Goes through what {@link #issue} would do for {@code request} as far as it can without a certificate coming
   * into existence or anything reaching the CA, so that the first device after a start does not pay for class
   * loading and set-up. scepra calls it once per endpoint, from a background thread at start-up, with a made-up
   * request; what it throws is logged and otherwise ignored. The default does nothing.
   */
  default void rehearseIssue(IssueRequest request) {}

  /**
   * The issuing CA's chain for an endpoint: the issuing CA first, the root last. Asked for on every GetCACert,
   * every SUCCESS answer, renewal check and minted challenge, so it must be cheap: cache it. May throw when the
   * chain cannot be had (the CA unreachable and nothing cached): GetCACert then answers HTTP 503 with
   * Retry-After.
   */
  List<X509Certificate> caChain(String endpointAlias);

  /**
   * A cheap probe of what an endpoint needs from this backend, for readiness checks. Must not throw and must
   * end within the backend's own timeouts; scepra calls it in the background and serves the last answer.
   */
  BackendHealth health(String endpointAlias);
}
