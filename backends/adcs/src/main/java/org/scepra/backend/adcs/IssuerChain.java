package org.scepra.backend.adcs;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Orders the certificates of a CMC response into the chain above an issued certificate: its
 * issuer first, each next one the issuer of the one before (by name and signature), up to a
 * self-signed root or the last one found. Certificates that are not on that path are left out.
 */
final class IssuerChain {

  private IssuerChain() {}

  static List<X509Certificate> above(X509Certificate leaf, List<X509Certificate> candidates) {
    List<X509Certificate> chain = new ArrayList<>();
    X509Certificate current = leaf;
    while (!selfSigned(current) && chain.size() < candidates.size()) {
      Optional<X509Certificate> issuer = issuerOf(current, candidates);
      if (issuer.isEmpty() || chain.contains(issuer.get())) {
        break;
      }
      chain.add(issuer.get());
      current = issuer.get();
    }
    return chain;
  }

  private static Optional<X509Certificate> issuerOf(X509Certificate certificate, List<X509Certificate> candidates) {
    return candidates.stream()
        .filter(c -> !c.equals(certificate))
        .filter(c -> c.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
        .filter(c -> signs(c, certificate))
        .findFirst();
  }

  static boolean selfSigned(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
        && signs(certificate, certificate);
  }

  private static boolean signs(X509Certificate issuer, X509Certificate certificate) {
    try {
      certificate.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
