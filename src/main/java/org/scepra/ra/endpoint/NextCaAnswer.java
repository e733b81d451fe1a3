package org.scepra.ra.endpoint;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.scepra.protocol.NextCaCertificates;
import org.scepra.protocol.ResponseSigner;
import org.scepra.spi.CaBackend;
import org.scepra.spi.CaSigner;
import org.scepra.spi.NextCa;
import org.scepra.spi.NextCaSource;

/**
 * An endpoint's GetNextCACert: what its backend announces, signed by the current CA (when the
 * backend lends its key) and by the RA. Encoded again only when the announcement changes, since a
 * CA key in a token makes every signature a round trip to it.
 */
final class NextCaAnswer {

  private final String alias;
  private final CaBackend backend;
  private final ResponseSigner raSigner;
  private volatile Encoded last;

  private record Encoded(NextCa next, byte[] message) {}

  NextCaAnswer(String alias, CaBackend backend, ResponseSigner raSigner) {
    this.alias = alias;
    this.backend = backend;
    this.raSigner = raSigner;
  }

  /** The next CA announced now; empty without one. May throw if the CA is unavailable. */
  Optional<NextCa> next() {
    return backend instanceof NextCaSource source ? source.nextCa(alias) : Optional.empty();
  }

  /** Empty when nothing is announced (HTTP 404). */
  Optional<byte[]> message() {
    Optional<NextCa> next = next();
    if (next.isEmpty()) {
      return Optional.empty();
    }
    Encoded encoded = last;
    if (encoded == null || !sameAnnouncement(encoded.next(), next.get())) {
      List<ResponseSigner> signers = new ArrayList<>();
      next.get().currentCaSigner().ifPresent(ca -> signers.add(new CaResponseSigner(ca)));
      signers.add(raSigner);
      encoded = new Encoded(next.get(), NextCaCertificates.encode(next.get().certificates(), signers));
      last = encoded;
    }
    return Optional.of(encoded.message().clone());
  }

  private static boolean sameAnnouncement(NextCa a, NextCa b) {
    return a.certificates().equals(b.certificates())
        && a.currentCaSigner().map(CaSigner::certificate)
            .equals(b.currentCaSigner().map(CaSigner::certificate));
  }

  /** CA certificates of earlier generations that issued one of {@code certificates}. */
  static List<X509Certificate> issuersAmongPrevious(CaBackend backend, String alias,
      List<X509Certificate> certificates, List<X509Certificate> chain) {
    if (!(backend instanceof NextCaSource source)) {
      return List.of();
    }
    List<X509Certificate> issuers = new ArrayList<>();
    for (X509Certificate previous : source.previousCaCertificates(alias)) {
      boolean issuedOne = certificates.stream()
          .anyMatch(c -> c.getIssuerX500Principal().equals(previous.getSubjectX500Principal()));
      if (issuedOne && !chain.contains(previous) && !issuers.contains(previous)) {
        issuers.add(previous);
      }
    }
    return issuers;
  }

  /** The backend's CA key as a protocol signer; the CA's signature algorithm wins over the digest. */
  private record CaResponseSigner(CaSigner ca) implements ResponseSigner {
    @Override
    public X509CertificateHolder certificate() {
      try {
        return new X509CertificateHolder(ca.certificate().getEncoded());
      } catch (CertificateEncodingException | IOException e) {
        throw new IllegalStateException("unreadable CA certificate", e);
      }
    }

    @Override
    public ContentSigner signer(String digestName) throws OperatorCreationException {
      return ca.contentSigner();
    }
  }
}
