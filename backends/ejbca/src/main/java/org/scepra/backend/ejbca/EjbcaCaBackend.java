package org.scepra.backend.ejbca;

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
import org.scepra.spi.CertificateRevoker;
import org.scepra.spi.CrlSource;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.spi.PendingPoller;
import org.scepra.spi.ProfileMapping;

/**
 * Issues through an EJBCA CA over its SOAP web service (EjbcaWS), authenticated by the RA's
 * client certificate. Each scepra endpoint has its own EJBCA settings under {@code
 * scepra.endpoint.<alias>.ejbca.*}, validated on first use: a broken endpoint reports DOWN and
 * rejects with CA_UNAVAILABLE, without affecting the others.
 */
@ApplicationScoped
@Backend(EjbcaCaBackend.NAME)
public class EjbcaCaBackend implements CaBackend, PendingPoller, CrlSource, CertificateRevoker, ProfileMapping {

  public static final String NAME = "ejbca";

  private final Config config;
  private final EndpointRegistry endpoints;
  private final Enroller enroller;
  private final ApprovalPoller poller;

  @Inject
  public EjbcaCaBackend(Config config) {
    this(config, Clock.systemUTC());
  }

  EjbcaCaBackend(Config config, Clock clock) {
    PendingPasswords pending = new PendingPasswords();
    this.config = config;
    this.endpoints = new EndpointRegistry(config, clock);
    this.enroller = new Enroller(pending);
    this.poller = new ApprovalPoller(pending, enroller);
  }

  /** For CDI's client proxy only. */
  protected EjbcaCaBackend() {
    this.config = null;
    this.endpoints = null;
    this.enroller = null;
    this.poller = null;
  }

  @Override
  public IssueResult issue(IssueRequest request) {
    Optional<EjbcaEndpoint> endpoint = usable(request.endpointAlias(), request.transactionId());
    return endpoint.isEmpty() ? FaultMapping.UNREACHABLE : enroller.issue(endpoint.get(), request);
  }

  @Override
  public IssueResult poll(IssueRequest request, String reference) {
    // not usable means not decided either: the request stays pending until the endpoint is fixed
    Optional<EjbcaEndpoint> endpoint = usable(request.endpointAlias(), request.transactionId());
    return endpoint.isEmpty() ? new IssueResult.Pending(reference) : poller.poll(endpoint.get(), request, reference);
  }

  /** EJBCA issues at once unless an approval is configured for the end entity profile in EJBCA itself. */
  @Override
  public boolean issuesAtOnce(String endpointAlias) {
    return true;
  }

  /**
   * @throws IllegalStateException if the endpoint is misconfigured, or no chain was ever fetched
   *     and EJBCA cannot give one now
   */
  @Override
  public List<X509Certificate> caChain(String endpointAlias) {
    return endpoint(endpointAlias).chain().get();
  }

  @Override
  public BackendHealth health(String endpointAlias) {
    try {
      return HealthProbe.probe(endpoints.endpoint(endpointAlias));
    } catch (EjbcaConfigException | RuntimeException e) {
      return BackendHealth.down(String.valueOf(e.getMessage()));
    }
  }

  /**
   * @throws IllegalStateException if the endpoint is misconfigured or EJBCA cannot give the CRL
   */
  @Override
  public Optional<X509CRL> currentCrl(String endpointAlias) {
    EjbcaEndpoint endpoint = endpoint(endpointAlias);
    try {
      return endpoint.calls().latestCrl(endpoint.settings().caName());
    } catch (EjbcaCallException e) {
      EjbcaLog.failed(endpointAlias, "-", e);
      throw new IllegalStateException("EJBCA endpoint " + endpointAlias + ": no CRL (" + e.reason() + ")", e);
    }
  }

  @Override
  public Outcome revoke(String endpointAlias, X509Certificate certificate, Reason reason) {
    Optional<EjbcaEndpoint> endpoint = usable(endpointAlias, "-");
    return endpoint.isEmpty() ? Outcome.FAILED : Revocations.revoke(endpoint.get(), certificate, reason);
  }

  /** Read from the configuration as it is, so it also names the keys of an endpoint that is not usable. */
  @Override
  public String settingFor(String endpointAlias, String profileName) {
    return new CertificateProfiles(new ConfigReader(config, endpointAlias)).describe(profileName);
  }

  /** Empty if the endpoint's settings are unusable. */
  private Optional<EjbcaEndpoint> usable(String alias, String transactionId) {
    try {
      return Optional.of(endpoints.endpoint(alias));
    } catch (EjbcaConfigException e) {
      EjbcaLog.warning("EJBCA endpoint {0} transaction {1}: endpoint not usable: {2}", alias, transactionId, e.getMessage());
      return Optional.empty();
    }
  }

  private EjbcaEndpoint endpoint(String alias) {
    try {
      return endpoints.endpoint(alias);
    } catch (EjbcaConfigException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
