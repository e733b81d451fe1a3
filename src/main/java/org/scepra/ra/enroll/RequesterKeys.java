package org.scepra.ra.enroll;

import java.io.IOException;
import org.scepra.protocol.RequestHeader;
import org.scepra.ra.transaction.Fingerprints;

/** Identifies a requester by the public key that signed its messages (RFC 8894 §3.3.3). */
final class RequesterKeys {

  private RequesterKeys() {}

  static String fingerprint(RequestHeader header) {
    return header.signerCertificate().map(certificate -> {
      try {
        return Fingerprints.sha256(certificate.getSubjectPublicKeyInfo().getEncoded());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }).orElse(null);
  }
}
