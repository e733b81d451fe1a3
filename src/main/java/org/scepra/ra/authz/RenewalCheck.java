package org.scepra.ra.authz;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.scepra.ra.transaction.CertificateRepository;
import org.scepra.ra.transaction.Fingerprints;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.spi.NextCaSource;

/**
 * Renewal: a RenewalReq, or a PKCSReq signed by a certificate this CA issued (what sscep, jscep,
 * certmonger and Cisco send), is authorized by that certificate when it is this CA's, recorded by
 * scepra, valid, unrevoked, inside the renewal window, for the same subject and (unless allowed)
 * a new key. RFC 8894 §7.6: renewal proves possession of the old key, not the new one.
 */
final class RenewalCheck {
  static final String MODE = "renewal";

  private final CertificateRepository certificates;

  RenewalCheck(CertificateRepository certificates) {
    this.certificates = certificates;
  }

  /** Abstains for an ordinary PKCSReq signed by a throwaway certificate. */
  Decision check(EnrollmentContext context) {
    AuthorizationSettings.Renewal renewal = context.settings().renewal();
    Optional<X509CertificateHolder> signer = context.request().header().signerCertificate();
    boolean ours = signer.isPresent() && issuedByEndpointCa(context, signer.get());
    if (!ours) {
      return context.isRenewalRequest()
          ? Decision.deny("the renewal is not signed by a certificate this CA issued", MODE)
          : new Decision.Abstain();
    }
    if (!renewal.enabled()) {
      return Decision.deny("renewal is not enabled on this endpoint", MODE);
    }
    X509CertificateHolder old = signer.get();
    Instant now = Instant.now();
    if (!old.isValidOn(java.util.Date.from(now))) {
      return Decision.deny("the certificate being renewed is not valid now", MODE);
    }
    Optional<IssuedCertificate> recorded = certificates.find(Fingerprints.sha256(encoded(old.getIssuer())),
        IssuedCertificate.serialHex(old.getSerialNumber()));
    if (recorded.isEmpty()) {
      return Decision.deny("the certificate being renewed was not issued through this RA", MODE);
    }
    if (recorded.get().revoked()) {
      return Decision.deny("the certificate being renewed is revoked", MODE);
    }
    if (renewal.window().isPresent() && old.getNotAfter().toInstant().isAfter(now.plus(renewal.window().get()))) {
      return Decision.deny("renewal opens " + renewal.window().get().toDays() + " days before expiry", MODE);
    }
    if (renewal.sameSubject() && !old.getSubject().equals(context.csr().getSubject())) {
      return Decision.deny("a renewal must keep the subject of the certificate being renewed", MODE);
    }
    if (!renewal.allowKeyReuse() && old.getSubjectPublicKeyInfo().equals(context.csr().getSubjectPublicKeyInfo())) {
      return Decision.deny("a renewal must use a new key pair", MODE);
    }
    return new Decision.Allow(MODE);
  }

  private static boolean issuedByEndpointCa(EnrollmentContext context, X509CertificateHolder certificate) {
    List<X509Certificate> chain = new java.util.ArrayList<>();
    try {
      chain.addAll(context.endpoint().backend().caChain(context.endpoint().alias()));
      // After a CA rollover the previous CA's certificates stay renewable until they expire.
      if (context.endpoint().backend() instanceof NextCaSource source) {
        chain.addAll(source.previousCaCertificates(context.endpoint().alias()));
      }
    } catch (RuntimeException e) {
      return false;
    }
    for (X509Certificate ca : chain) {
      try {
        if (new JcaX509CertificateHolder(ca).getSubject().equals(certificate.getIssuer())
            && certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca.getPublicKey()))) {
          return true;
        }
      } catch (Exception e) {
        // not this CA
      }
    }
    return false;
  }

  private static byte[] encoded(org.bouncycastle.asn1.x500.X500Name name) {
    try {
      return name.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
