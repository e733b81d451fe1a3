package org.scepra.backend.internalca;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.security.auth.x500.X500Principal;
import org.eclipse.microprofile.config.Config;
import org.scepra.spi.Backend;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.CaBackend;
import org.scepra.spi.CaRollover;
import org.scepra.spi.CertificateRevoker;
import org.scepra.spi.CrlSource;
import org.scepra.spi.CryptoProviders;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.spi.KeyToken;
import org.scepra.spi.NextCa;
import org.scepra.spi.NextCaSource;

/**
 * The built-in CA: a self-managed RSA CA in a PKCS#12 keystore under the data directory.
 *
 * <p>Each CA is loaded lazily on first use rather than at deployment ({@link InternalCa}), so a
 * broken configuration only makes this backend unavailable (visible in {@link #health}), not the
 * whole application. Endpoints share one CA unless they name a keystore of their own.
 *
 * <p>Also revokes the certificates it issued, publishes a CRL per CA generation, and rolls over to a
 * new CA key and certificate on an operator's request, announcing it through GetNextCACert until it
 * takes over.
 */
@ApplicationScoped
@Backend(InternalCaBackend.NAME)
public class InternalCaBackend
    implements CaBackend, CrlSource, CertificateRevoker, NextCaSource, CaRollover {

  public static final String NAME = "internal-ca";

  private static final System.Logger LOG = System.getLogger(InternalCaBackend.class.getName());

  private final Config config;
  private final CryptoProviders providers;
  private final KeyToken token;
  private final Clock clock;
  private final long refreshNanos;
  private final ConcurrentMap<String, InternalCa> byAlias = new ConcurrentHashMap<>();
  private final ConcurrentMap<Path, InternalCa> byKeystore = new ConcurrentHashMap<>();

  /**
   * @param providers who signs with the CA key ({@code scepra.crypto.provider})
   * @param token the PKCS#11 token that holds the CA keys when {@code scepra.internal-ca.keys=pkcs11} */
  @Inject
  public InternalCaBackend(Config config, CryptoProviders providers, KeyToken token) {
    this(config, providers, token, Clock.systemUTC(), InternalCa.REFRESH_NANOS);
  }

  /** For tests and tools: CA keys in keystores only. */
  InternalCaBackend(Config config, CryptoProviders providers) {
    this(config, providers, null, Clock.systemUTC(), InternalCa.REFRESH_NANOS);
  }

  /** For tests: their own clock, and how often another node's rollover is looked for. */
  InternalCaBackend(Config config, CryptoProviders providers, Clock clock, long refreshNanos) {
    this(config, providers, null, clock, refreshNanos);
  }

  InternalCaBackend(Config config, CryptoProviders providers, KeyToken token, Clock clock, long refreshNanos) {
    this.config = config;
    this.providers = providers;
    this.token = token;
    this.clock = clock;
    this.refreshNanos = refreshNanos;
  }

  /** For CDI's client proxy only. */
  protected InternalCaBackend() {
    this.config = null;
    this.clock = null;
    this.refreshNanos = 0;
    this.providers = null;
    this.token = null;
  }

  @Override
  public IssueResult issue(IssueRequest request) {
    CaGenerations.Loaded ca;
    try {
      ca = generations(request.endpointAlias()).issuing(clock.instant());
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

  /** An issuance signed by a throwaway key, dropped at once: see {@link CertificateIssuer#rehearse}. */
  @Override
  public void rehearseIssue(IssueRequest request) {
    try {
      generations(request.endpointAlias()).issuing(clock.instant()).issuer()
          .rehearse(request.csr(), request.profile());
    } catch (InternalCaException e) {
      throw new IllegalStateException("internal CA rehearsal failed: " + e.getMessage(), e);
    }
  }

  /**
   * @throws IllegalStateException if the CA cannot be loaded; {@link #health} says why
   */
  @Override
  public List<X509Certificate> caChain(String endpointAlias) {
    return List.of(loaded(endpointAlias).issuing(clock.instant()).certificate());
  }

  /** Never throws: an unavailable CA or an I/O error is {@link Outcome#FAILED} (and logged). */
  @Override
  public Outcome revoke(
      String endpointAlias, X509Certificate certificate, CertificateRevoker.Reason reason) {
    List<CaGenerations.Loaded> all;
    try {
      all = generations(endpointAlias).all();
    } catch (InternalCaException e) {
      return Outcome.FAILED; // the load logged the cause
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      Outcome outcome = all.get(i).revocations().revoke(certificate, reason);
      if (outcome != Outcome.UNKNOWN_CERTIFICATE) {
        return outcome;
      }
    }
    return Outcome.UNKNOWN_CERTIFICATE;
  }

  /**
   * The issuing generation's CRL, always present.
   *
   * @throws IllegalStateException if the CA is unavailable or the CRL cannot be produced
   */
  @Override
  public Optional<X509CRL> currentCrl(String endpointAlias) {
    return Optional.of(crl(endpointAlias, loaded(endpointAlias).issuing(clock.instant())));
  }

  /** Every generation keeps signing the CRL of what it issued, also after it was rolled over. */
  @Override
  public Optional<X509CRL> crlOf(String endpointAlias, X500Principal issuer) {
    return loaded(endpointAlias).named(issuer).map(ca -> crl(endpointAlias, ca));
  }

  @Override
  public Optional<NextCa> nextCa(String endpointAlias) {
    CaGenerations generations = loaded(endpointAlias);
    Instant now = clock.instant();
    return generations
        .next(now)
        .map(next -> announce(generations, generations.issuing(now), next.generation()));
  }

  @Override
  public List<X509Certificate> previousCaCertificates(String endpointAlias) {
    return loaded(endpointAlias).previous(clock.instant()).stream()
        .map(CaGenerations.Loaded::certificate)
        .toList();
  }

  @Override
  public Result rollover(String endpointAlias, Request request) {
    try {
      CaGeneration next = ca(endpointAlias).rollover(request);
      LOG.log(
          Level.INFO,
          "internal CA rolled over: generation {0} ({1}) takes over at {2}",
          next.number(),
          next.certificate().getSubjectX500Principal().getName(),
          next.activateAt());
      return new Scheduled(
          nextCa(endpointAlias).orElseGet(() -> announce(loaded(endpointAlias), null, next)));
    } catch (Rollover.Refusal e) {
      return e.refused();
    } catch (InternalCaException | IOException | RuntimeException e) {
      LOG.log(Level.ERROR, "internal CA rollover failed (endpoint " + endpointAlias + ")", e);
      return new Refused(CaRollover.Reason.FAILED, "the internal CA could not be rolled over: " + e.getMessage());
    }
  }

  @Override
  public BackendHealth health(String endpointAlias) {
    try {
      CaGenerations generations = generations(endpointAlias);
      Instant now = clock.instant();
      X509Certificate certificate = generations.issuing(now).certificate();
      String subject = certificate.getSubjectX500Principal().getName();
      Instant notAfter = certificate.getNotAfter().toInstant();
      if (!now.isBefore(notAfter)) {
        return BackendHealth.down("internal CA " + subject + " expired on " + notAfter);
      }
      String next =
          generations
              .next(now)
              .map(n -> "; next CA " + n.certificate().getSubjectX500Principal().getName()
                  + " takes over at " + n.generation().activateAt())
              .orElse("");
      return BackendHealth.up("internal CA " + subject + ", valid until " + notAfter + next);
    } catch (InternalCaException | RuntimeException e) {
      return BackendHealth.down(String.valueOf(e.getMessage()));
    }
  }

  /** GetNextCACert's content: the next CA, then its link certificates; signed by the current CA. */
  private static NextCa announce(
      CaGenerations generations, CaGenerations.Loaded current, CaGeneration next) {
    List<X509Certificate> certificates = new ArrayList<>();
    certificates.add(next.certificate());
    certificates.addAll(next.links());
    String algorithm = generations.signatureAlgorithm();
    return new NextCa(
        certificates,
        next.activateAt(),
        Optional.ofNullable(current).map(c -> new GenerationSigner(c.generation().identity(), algorithm)));
  }

  private X509CRL crl(String endpointAlias, CaGenerations.Loaded ca) {
    try {
      return ca.revocations().currentCrl();
    } catch (IOException | InternalCaException e) {
      LOG.log(Level.ERROR, "internal CA cannot produce its CRL (endpoint " + endpointAlias + ")", e);
      throw new IllegalStateException("internal CA cannot produce its CRL: " + e.getMessage(), e);
    }
  }

  /** As {@link #generations}, for the SPI calls that report an unavailable CA by throwing. */
  private CaGenerations loaded(String endpointAlias) {
    try {
      return generations(endpointAlias);
    } catch (InternalCaException e) {
      throw new IllegalStateException("internal CA unavailable: " + e.getMessage(), e);
    }
  }

  private CaGenerations generations(String endpointAlias) throws InternalCaException {
    return ca(endpointAlias).generations();
  }

  private InternalCa ca(String endpointAlias) throws InternalCaException {
    InternalCa ca = byAlias.get(endpointAlias);
    if (ca != null) {
      return ca;
    }
    InternalCaConfig settings;
    try {
      settings = InternalCaConfig.from(config, endpointAlias);
    } catch (IllegalArgumentException e) {
      throw new InternalCaException("internal CA unavailable: " + e.getMessage(), e);
    }
    if (settings.keysInToken() && token == null) {
      throw new InternalCaException("internal CA unavailable: " + InternalCaConfig.KEYS
          + "=pkcs11, but no PKCS#11 token was given to the internal CA");
    }
    ca =
        byKeystore.computeIfAbsent(
            settings.keystore().toAbsolutePath().normalize(),
            keystore -> new InternalCa(settings, clock, refreshNanos, providers,
                settings.keysInToken() ? Optional.ofNullable(token) : Optional.empty()));
    byAlias.putIfAbsent(endpointAlias, ca);
    return ca;
  }
}
