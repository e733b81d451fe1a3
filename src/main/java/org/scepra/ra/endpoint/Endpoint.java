package org.scepra.ra.endpoint;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scepra.protocol.AlgorithmPolicy;
import org.scepra.protocol.Capability;
import org.scepra.protocol.CertRepEncoder;
import org.scepra.protocol.DegenerateSignedData;
import org.scepra.protocol.PkiMessageDecoder;
import org.scepra.protocol.RaDecryptionKey;
import org.scepra.ra.identity.RaIdentity;
import org.scepra.ra.identity.RaLifetime;
import org.scepra.spi.CaBackend;
import org.scepra.spi.CryptoProviders;

/**
 * A configured SCEP endpoint: its settings and backend, fixed at deployment, and its state, which changes at run
 * time: unavailable until its RA identity is obtained, then serving; an RA identity can be replaced while serving
 * (RA certificate renewal), keeping older decryption keys for requests encrypted to them.
 */
public final class Endpoint {

  private final EndpointSettings settings;
  private final CaBackend backend;
  private final CryptoProviders providers;
  private final Clock clock;
  private volatile EndpointState state;
  /** GetNextCACert's answer, signed by the serving RA identity: replaced with it. */
  private volatile NextCaAnswer nextCa;
  /** GetCACert's last answer and what it was built from; replaced when the chain changes. */
  private volatile EncodedCaCertificates lastCaCertificates;
  /** The CA chain the backend last reported, for operators watching its expiry (metrics). */
  private volatile List<X509Certificate> lastCaChain = List.of();

  private record EncodedCaCertificates(List<X509Certificate> certificates, byte[] encoded) {}

  /** @param providers who does the RA keys' operations ({@code scepra.crypto.provider}) */
  public Endpoint(EndpointSettings settings, CaBackend backend, CryptoProviders providers) {
    this(settings, backend, providers, Clock.systemUTC());
  }

  Endpoint(EndpointSettings settings, CaBackend backend, CryptoProviders providers, Clock clock) {
    this.settings = settings;
    this.backend = backend;
    this.providers = providers;
    this.clock = clock;
    this.state = new EndpointState.Unavailable("its RA certificates have not been obtained yet", clock.instant(),
        Optional.empty());
  }

  public String alias() {
    return settings.alias();
  }

  public EndpointSettings settings() {
    return settings;
  }

  public CaBackend backend() {
    return backend;
  }

  /**
   * The state now. A serving endpoint whose RA certificate has expired is unavailable from that instant on, also
   * before {@link RaRenewal} has looked: clients must never get answers signed with an expired certificate.
   */
  public EndpointState state() {
    EndpointState current = state;
    if (current instanceof EndpointState.Serving serving
        && RaLifetime.of(serving.identity(), clock.instant(), java.time.Duration.ZERO)
            instanceof RaLifetime.Expired expired) {
      return new EndpointState.Unavailable(RaLifetime.expiredReason(expired), expired.notAfter(), Optional.empty());
    }
    return current;
  }

  /** Serves with {@code identity} from now on. */
  public void activate(RaIdentity identity) {
    activate(identity, List.of());
  }

  /**
   * Serves with {@code identity} from now on, still opening requests encrypted to {@code previousKeys} (clients that
   * fetched GetCACert before a renewal).
   */
  public synchronized void activate(RaIdentity identity, List<RaDecryptionKey> previousKeys) {
    AlgorithmPolicy policy = new AlgorithmPolicy(settings.legacyAlgorithms());
    List<RaDecryptionKey> keys = new ArrayList<>(identity.decryptionKeys(providers));
    keys.addAll(previousKeys);
    nextCa = new NextCaAnswer(settings.alias(), backend, identity.responseSigner(providers));
    state = new EndpointState.Serving(identity, new PkiMessageDecoder(policy, keys),
        new CertRepEncoder(identity.responseSigner(providers), policy), clock.instant());
  }

  /** Stops serving (or stays stopped) for {@code reason}; the since time is kept while the state stays unavailable. */
  public synchronized void unavailable(String reason, Optional<Instant> nextAttempt) {
    Instant since = state instanceof EndpointState.Unavailable previous ? previous.since() : clock.instant();
    state = new EndpointState.Unavailable(reason, since, nextAttempt);
  }

  public PkiMessageDecoder decoder() {
    return serving().decoder();
  }

  public CertRepEncoder encoder() {
    return serving().encoder();
  }

  /** The certificate clients encrypt their requests to; empty while the endpoint is not serving. */
  public Optional<X509Certificate> raEncryptionCertificate() {
    return servingIdentity().map(RaIdentity::encryptionCertificate);
  }

  /** The RA's own certificates (encryption, signing), for operators to watch their expiry; none while unavailable. */
  public List<X509Certificate> raCertificates() {
    return servingIdentity().map(RaIdentity::certificates).orElse(List.of());
  }

  /** The CA chain as last reported by the backend (GetCACert, or the RA certificates' watch); may be empty. */
  public List<X509Certificate> lastCaChain() {
    return lastCaChain;
  }

  /**
   * GetCACaps. Renewal is advertised when enabled, GetNextCACert while the backend announces a next
   * CA; DES and MD5 have no keyword and are never advertised, even when legacy algorithms are
   * accepted.
   */
  public List<Capability> capabilities() {
    List<Capability> capabilities = new ArrayList<>(List.of(Capability.POST_PKI_OPERATION, Capability.SHA_512,
        Capability.SHA_256, Capability.SHA_1, Capability.AES, Capability.DES3, Capability.SCEP_STANDARD));
    if (settings.authorization().renewal().enabled()) {
      capabilities.add(Capability.RENEWAL);
    }
    if (announcesNextCa()) {
      capabilities.add(Capability.GET_NEXT_CA_CERT);
    }
    return List.copyOf(capabilities);
  }

  /**
   * GetCACert's content: RA encryption, RA signing, then the CA chain from issuing CA to root, then,
   * after a CA rollover, the previous CA certificate that issued the RA certificates (clients check
   * that the RA's certificates chain to a CA in this answer).
   */
  public List<X509Certificate> caCertificates() {
    List<X509Certificate> ra = serving().identity().certificates();
    List<X509Certificate> all = new ArrayList<>(ra);
    List<X509Certificate> chain = backend.caChain(settings.alias());
    lastCaChain = List.copyOf(chain);
    all.addAll(chain);
    all.addAll(NextCaAnswer.issuersAmongPrevious(backend, settings.alias(), ra, chain));
    return List.copyOf(all);
  }

  /**
   * GetNextCACert's answer (RFC 8894 §4.7.1) while the backend announces a next CA; empty otherwise.
   * May throw if the CA is unavailable.
   */
  public Optional<byte[]> nextCaCertificatesMessage() {
    serving();
    return nextCa.message();
  }

  private boolean announcesNextCa() {
    NextCaAnswer answer = nextCa;
    try {
      return answer != null && answer.next().isPresent();
    } catch (RuntimeException e) {
      return false; // an unavailable CA announces nothing; readiness reports it
    }
  }

  /**
   * {@link #caCertificates()} as GetCACert's degenerate SignedData. Encoded again only when the
   * certificates change (backend rollover, EJBCA chain update, RA renewal): encoding them on every
   * request was a third of a GetCACert's CPU.
   */
  public byte[] caCertificatesMessage() {
    List<X509Certificate> certificates = caCertificates();
    EncodedCaCertificates last = lastCaCertificates;
    if (last == null || !last.certificates().equals(certificates)) {
      last = new EncodedCaCertificates(certificates, DegenerateSignedData.ofCertificates(certificates));
      lastCaCertificates = last;
    }
    return last.encoded().clone();
  }

  /** The identity the endpoint serves with, also one that has just expired (for {@link RaRenewal}). */
  Optional<RaIdentity> servingIdentity() {
    return state instanceof EndpointState.Serving serving ? Optional.of(serving.identity()) : Optional.empty();
  }

  /** The serving state; callers check {@link #state()} first, so this failing is a bug, not a client's fault. */
  private EndpointState.Serving serving() {
    EndpointState current = state;
    if (current instanceof EndpointState.Serving serving) {
      return serving;
    }
    throw new IllegalStateException("endpoint '" + alias() + "' is not serving: "
        + ((EndpointState.Unavailable) current).reason());
  }
}
