package org.scepra.ra.enroll;

import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.scepra.protocol.CsrAttributes;
import org.scepra.ra.endpoint.EndpointSettings;
import org.scepra.spi.CertificateProfile;

/**
 * Picks the profile from the key usage the CSR asks for, as NDES picks its template: signing only
 * → signature, encipherment only → encryption, both or none → general purpose.
 */
public final class Profiles {

  private Profiles() {}

  public static CertificateProfile select(PKCS10CertificationRequest csr, EndpointSettings endpoint) {
    return endpoint.profile(selectName(csr));
  }

  static String selectName(PKCS10CertificationRequest csr) {
    Extensions extensions = CsrAttributes.requestedExtensions(csr).orElse(null);
    KeyUsage requested = extensions == null ? null : KeyUsage.fromExtensions(extensions);
    if (requested == null) {
      return ProfileSettings.GENERAL_PURPOSE;
    }
    boolean signs = requested.hasUsages(KeyUsage.digitalSignature) || requested.hasUsages(KeyUsage.nonRepudiation);
    boolean encrypts = requested.hasUsages(KeyUsage.keyEncipherment) || requested.hasUsages(KeyUsage.dataEncipherment);
    if (signs && !encrypts) {
      return ProfileSettings.SIGNATURE;
    }
    if (encrypts && !signs) {
      return ProfileSettings.ENCRYPTION;
    }
    return ProfileSettings.GENERAL_PURPOSE;
  }

  /** The profile a transaction was recorded with. */
  public static CertificateProfile named(String name, EndpointSettings endpoint) {
    return endpoint.profile(name == null ? ProfileSettings.GENERAL_PURPOSE : name);
  }
}
