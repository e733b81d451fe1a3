package org.scepra.backend.adcs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.scepra.spi.Backend;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.CaBackend;
import org.scepra.spi.CrlSource;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.spi.PendingPoller;

/**
 * Issues through a Microsoft AD CS enterprise CA over its Certificate Enrollment Web Service (CES,
 * [MS-WSTEP]), as NDES does in front of it: the template comes from the request's profile (key
 * usage), scepra authenticates with a client certificate or a user name and password. Requests a
 * CA manager must approve are PENDING and polled by RequestID. Settings live under {@code
 * scepra.endpoint.<alias>.adcs.*}, validated on first use: a broken endpoint reports DOWN and
 * rejects with CA_UNAVAILABLE, without affecting the others.
 *
 * <p>Not a {@code CertificateRevoker}: [MS-WSTEP] has no revocation, and AD CS's own interfaces for
 * it (ICertAdmin over DCOM, [MS-CSRA]) are not reachable from Java without Windows.
 */
@ApplicationScoped
@Backend(AdcsCaBackend.NAME)
public class AdcsCaBackend implements CaBackend, PendingPoller, CrlSource {

  public static final String NAME = "adcs";

  private final EndpointRegistry endpoints;

  @Inject
  public AdcsCaBackend(Config config) {
    this(config, Clock.systemUTC());
  }

  AdcsCaBackend(Config config, Clock clock) {
    this.endpoints = new EndpointRegistry(config, clock);
  }

  /** For CDI's client proxy only. */
  protected AdcsCaBackend() {
    this.endpoints = null;
  }

  @Override
  public IssueResult issue(IssueRequest request) {
    Optional<AdcsEndpoint> endpoint = usable(request.endpointAlias(), request.transactionId());
    return endpoint.isEmpty() ? Enrollments.UNREACHABLE : Enrollments.issue(endpoint.get(), request);
  }

  @Override
  public IssueResult poll(IssueRequest request, String reference) {
    // not usable means not decided either: the request stays pending until the endpoint is fixed
    Optional<AdcsEndpoint> endpoint = usable(request.endpointAlias(), request.transactionId());
    return endpoint.isEmpty() ? new IssueResult.Pending(reference) : Enrollments.poll(endpoint.get(), request, reference);
  }

  /**
   * @throws IllegalStateException if the endpoint is misconfigured or AD CS never sent its chain
   */
  @Override
  public List<X509Certificate> caChain(String endpointAlias) {
    return endpoint(endpointAlias).chain().get();
  }

  @Override
  public BackendHealth health(String endpointAlias) {
    try {
      return AdcsHealth.probe(endpoints.endpoint(endpointAlias));
    } catch (AdcsConfigException | RuntimeException e) {
      return BackendHealth.down(String.valueOf(e.getMessage()));
    }
  }

  /**
   * @throws IllegalStateException if the endpoint is misconfigured or the CRL cannot be had
   */
  @Override
  public Optional<X509CRL> currentCrl(String endpointAlias) {
    AdcsEndpoint endpoint = endpoint(endpointAlias);
    if (endpoint.settings().crlUrl().isEmpty()) {
      return Optional.empty();
    }
    return endpoint.crl().fetch(endpointAlias, endpoint.chain().get());
  }

  /** Empty if the endpoint's settings are unusable. */
  private Optional<AdcsEndpoint> usable(String alias, String transactionId) {
    try {
      return Optional.of(endpoints.endpoint(alias));
    } catch (AdcsConfigException e) {
      AdcsLog.warning("AD CS endpoint {0} transaction {1}: endpoint not usable: {2}", alias, transactionId, e.getMessage());
      return Optional.empty();
    }
  }

  private AdcsEndpoint endpoint(String alias) {
    try {
      return endpoints.endpoint(alias);
    } catch (AdcsConfigException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
