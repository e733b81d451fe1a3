package org.scepra.spi;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The contract every CA backend implements. A backend is a CDI bean qualified with {@link Backend}
 * and chosen per endpoint by configuration ({@code scepra.endpoint.<alias>.backend}).
 *
 * <p>One bean serves every endpoint configured with it; per-endpoint settings are read under
 * {@code scepra.endpoint.<alias>.<backend>.*}, the alias coming with each call.
 *
 * <p>Optional capabilities are separate interfaces a backend may also implement, checked with
 * {@code instanceof}: {@link PendingPoller}, {@link CrlSource}, {@link CertificateRevoker}.
 */
public interface CaBackend {

  /** Issues a certificate for an already authorized request, or says it is pending or rejected. */
  IssueResult issue(IssueRequest request);

  /**
   * The issuing CA's chain for an endpoint: the issuing CA first, the root last. Backends may cache
   * it; it is asked for on every GetCACert.
   */
  List<X509Certificate> caChain(String endpointAlias);

  /** A cheap probe of what an endpoint needs from this backend, for readiness checks; never throws. */
  BackendHealth health(String endpointAlias);
}
