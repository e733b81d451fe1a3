package org.scepra.spi;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The contract every CA backend implements. A backend is a CDI bean qualified with {@link Backend}
 * and chosen per endpoint by configuration ({@code scepra.endpoint.<alias>.backend}).
 *
 * <p>Optional capabilities (CRLs, certificate look-up, polling of pending requests) are separate
 * interfaces a backend may also implement; callers check them with {@code instanceof}.
 */
public interface CaBackend {

  /** Issues a certificate for an already authorized request, or says it is pending or rejected. */
  IssueResult issue(IssueRequest request);

  /** The issuing CA's chain: the issuing CA first, the root last. */
  List<X509Certificate> caChain();

  /** A cheap probe for readiness checks; never throws. */
  BackendHealth health();
}
