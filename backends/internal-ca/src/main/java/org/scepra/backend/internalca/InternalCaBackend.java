package org.scepra.backend.internalca;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.scepra.spi.Backend;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.CaBackend;
import org.scepra.spi.CertificateRevoker;
import org.scepra.spi.CrlSource;
import org.scepra.spi.CryptoProviders;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;

/**
 * The built-in CA: a self-managed RSA CA in a PKCS#12 keystore under the data directory.
 *
 * <p>Initialised lazily on first use rather than at deployment, so a broken configuration only
 * makes this backend unavailable (visible in {@link #health()}), not the whole application. A
 * failed initialisation is retried, at most every {@link #RETRY_NANOS} nanoseconds.
 *
 * <p>Also revokes the certificates it issued and publishes a CRL for them ({@link CaRevocations});
 * one CA serves every endpoint configured with this backend, so the endpoint alias is not used.
 */
@ApplicationScoped
@Backend(InternalCaBackend.NAME)
public class InternalCaBackend implements CaBackend, CrlSource, CertificateRevoker {

  public static final String NAME = "internal-ca";

  private static final System.Logger LOG = System.getLogger(InternalCaBackend.class.getName());
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Config config;
  private final CryptoProviders providers;
  private final Object initLock = new Object();
  private volatile Ready ready;
  private volatile Failure failure;

  /** The loaded CA, its issuer and its revocations. */
  private record Ready(CaIdentity identity, CertificateIssuer issuer, CaRevocations revocations) {}

  /** Why the last initialisation failed, and when. */
  private record Failure(String message, long atNanos) {}

  /** @param providers who signs with the CA key ({@code scepra.crypto.provider}) */
  @Inject
  public InternalCaBackend(Config config, CryptoProviders providers) {
    this.config = config;
    this.providers = providers;
  }

  /** For CDI's client proxy only. */
  protected InternalCaBackend() {
    this.config = null;
    this.providers = null;
  }

  @Override
  public IssueResult issue(IssueRequest request) {
    Ready ca;
    try {
      ca = ready();
    } catch (InternalCaException e) {
      return new IssueResult.Rejected(IssueResult.Reason.CA_UNAVAILABLE, "internal CA unavailable");
    }
    try {
      return ca.issuer().issue(request.csr(), request.profile());
    } catch (InternalCaException | RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "internal CA failed to issue a certificate (endpoint "
              + request.endpointAlias()
              + ", transaction "
              + request.transactionId()
              + ")",
          e);
      return new IssueResult.Rejected(IssueResult.Reason.CA_UNAVAILABLE, "internal CA error");
    }
  }

  /**
   * @throws IllegalStateException if the CA cannot be loaded; {@link #health()} says why
   */
  @Override
  public List<X509Certificate> caChain(String endpointAlias) {
    try {
      return List.of(ready().identity().certificate());
    } catch (InternalCaException e) {
      throw new IllegalStateException("internal CA unavailable: " + e.getMessage(), e);
    }
  }

  /** Never throws: an unavailable CA or an I/O error is {@link Outcome#FAILED} (and logged). */
  @Override
  public Outcome revoke(
      String endpointAlias, X509Certificate certificate, CertificateRevoker.Reason reason) {
    try {
      return ready().revocations().revoke(certificate, reason);
    } catch (InternalCaException e) {
      return Outcome.FAILED; // ready() logged the cause when initialisation failed
    }
  }

  /**
   * A CRL signed by the CA, always present.
   *
   * @throws IllegalStateException if the CA is unavailable or the CRL cannot be produced
   */
  @Override
  public Optional<X509CRL> currentCrl(String endpointAlias) {
    Ready ca;
    try {
      ca = ready();
    } catch (InternalCaException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    try {
      return Optional.of(ca.revocations().currentCrl());
    } catch (IOException | InternalCaException e) {
      LOG.log(
          Level.ERROR, "internal CA cannot produce its CRL (endpoint " + endpointAlias + ")", e);
      throw new IllegalStateException("internal CA cannot produce its CRL: " + e.getMessage(), e);
    }
  }

  @Override
  public BackendHealth health(String endpointAlias) {
    try {
      X509Certificate certificate = ready().identity().certificate();
      String subject = certificate.getSubjectX500Principal().getName();
      Instant notAfter = certificate.getNotAfter().toInstant();
      if (!Instant.now().isBefore(notAfter)) {
        return BackendHealth.down("internal CA " + subject + " expired on " + notAfter);
      }
      return BackendHealth.up("internal CA " + subject + ", valid until " + notAfter);
    } catch (InternalCaException | RuntimeException e) {
      return BackendHealth.down(String.valueOf(e.getMessage()));
    }
  }

  private Ready ready() throws InternalCaException {
    Ready current = ready;
    if (current != null) {
      return current;
    }
    synchronized (initLock) {
      if (ready != null) {
        return ready;
      }
      Failure last = failure;
      if (last != null && System.nanoTime() - last.atNanos() < RETRY_NANOS) {
        throw new InternalCaException(last.message());
      }
      try {
        ready = initialise();
        failure = null;
        return ready;
      } catch (InternalCaException | RuntimeException e) {
        String message = "internal CA unavailable: " + e.getMessage();
        failure = new Failure(message, System.nanoTime());
        LOG.log(Level.ERROR, message, e);
        throw new InternalCaException(message, e);
      }
    }
  }

  private Ready initialise() throws InternalCaException {
    InternalCaConfig settings = InternalCaConfig.from(config);
    CaKeyStore store = new CaKeyStore(settings.keystore(), settings.settings());
    CaIdentity identity = store.createOrLoad(settings.password()).using(providers);
    CertificateIssuer issuer =
        new CertificateIssuer(
            identity, settings.settings().signatureAlgorithm(), settings.settings().backdate());
    CaRevocations revocations =
        new CaRevocations(
            identity,
            settings.settings().signatureAlgorithm(),
            settings.caDirectory(),
            settings.crlValidity(),
            Clock.systemUTC());
    LOG.log(
        Level.INFO,
        "internal CA {0} ready, keystore {1}",
        identity.certificate().getSubjectX500Principal().getName(),
        store.keystore());
    return new Ready(identity, issuer, revocations);
  }
}
