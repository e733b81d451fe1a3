package org.scepra.ra.endpoint;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.scepra.protocol.AlgorithmPolicy;
import org.scepra.protocol.Capability;
import org.scepra.protocol.CertRepEncoder;
import org.scepra.protocol.DegenerateSignedData;
import org.scepra.protocol.PkiMessageDecoder;
import org.scepra.ra.identity.RaIdentity;
import org.scepra.spi.CaBackend;
import org.scepra.spi.CryptoProviders;

/** A configured SCEP endpoint, ready to serve: its settings, backend, RA identity and codecs. */
public final class Endpoint {

  private final EndpointSettings settings;
  private final CaBackend backend;
  private final RaIdentity identity;
  private final PkiMessageDecoder decoder;
  private final CertRepEncoder encoder;
  private final NextCaAnswer nextCa;
  /** GetCACert's last answer and what it was built from; replaced when the chain changes. */
  private volatile EncodedCaCertificates lastCaCertificates;

  private record EncodedCaCertificates(List<X509Certificate> certificates, byte[] encoded) {}

  /** @param providers who does the RA keys' operations ({@code scepra.crypto.provider}) */
  public Endpoint(EndpointSettings settings, CaBackend backend, RaIdentity identity, CryptoProviders providers) {
    this.settings = settings;
    this.backend = backend;
    this.identity = identity;
    AlgorithmPolicy policy = new AlgorithmPolicy(settings.legacyAlgorithms());
    this.decoder = new PkiMessageDecoder(policy, identity.decryptionKeys(providers));
    this.encoder = new CertRepEncoder(identity.responseSigner(providers), policy);
    this.nextCa = new NextCaAnswer(settings.alias(), backend, identity.responseSigner(providers));
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

  /** The certificate clients encrypt their requests to. */
  public X509Certificate raEncryptionCertificate() {
    return identity.encryptionCertificate();
  }

  public PkiMessageDecoder decoder() {
    return decoder;
  }

  public CertRepEncoder encoder() {
    return encoder;
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

  /** The RA's own certificates (encryption, signing), for operators to watch their expiry. */
  public List<X509Certificate> raCertificates() {
    return identity.certificates();
  }

  /**
   * GetCACert's content: RA encryption, RA signing, then the CA chain from issuing CA to root, then,
   * after a CA rollover, the previous CA certificate that issued the RA certificates (clients check
   * that the RA's certificates chain to a CA in this answer).
   */
  public List<X509Certificate> caCertificates() {
    List<X509Certificate> all = new ArrayList<>(identity.certificates());
    List<X509Certificate> chain = backend.caChain(settings.alias());
    all.addAll(chain);
    all.addAll(NextCaAnswer.issuersAmongPrevious(backend, settings.alias(), identity.certificates(), chain));
    return List.copyOf(all);
  }

  /**
   * GetNextCACert's answer (RFC 8894 §4.7.1) while the backend announces a next CA; empty otherwise.
   * May throw if the CA is unavailable.
   */
  public java.util.Optional<byte[]> nextCaCertificatesMessage() {
    return nextCa.message();
  }

  private boolean announcesNextCa() {
    try {
      return nextCa.next().isPresent();
    } catch (RuntimeException e) {
      return false; // an unavailable CA announces nothing; readiness reports it
    }
  }

  /**
   * {@link #caCertificates()} as GetCACert's degenerate SignedData. Encoded again only when the
   * certificates change (backend rollover, EJBCA chain update): encoding them on every request was
   * a third of a GetCACert's CPU.
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
}
