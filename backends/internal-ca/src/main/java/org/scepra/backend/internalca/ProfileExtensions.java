package org.scepra.backend.internalca;

import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.scepra.spi.CertificateProfile;

/** Turns a {@link CertificateProfile}'s key usages into X.509 extensions. */
final class ProfileExtensions {

  private ProfileExtensions() {}

  /**
   * Adds keyUsage (critical, RFC 5280 §4.2.1.3 recommends it) and extendedKeyUsage (non-critical,
   * so relying parties that ignore it still accept the keyUsage). Each is left out when empty: an
   * empty keyUsage or EKU extension is invalid.
   */
  static void addTo(X509v3CertificateBuilder builder, CertificateProfile profile)
      throws CertIOException {
    int bits = keyUsageBits(profile.keyUsages());
    if (bits != 0) {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(bits));
    }
    if (!profile.extendedKeyUsages().isEmpty()) {
      KeyPurposeId[] purposes =
          profile.extendedKeyUsages().stream()
              .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)))
              .toArray(KeyPurposeId[]::new);
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
    }
  }

  static int keyUsageBits(Set<CertificateProfile.KeyUsage> usages) {
    int bits = 0;
    for (CertificateProfile.KeyUsage usage : usages) {
      bits |=
          switch (usage) {
            case DIGITAL_SIGNATURE -> KeyUsage.digitalSignature;
            case NON_REPUDIATION -> KeyUsage.nonRepudiation;
            case KEY_ENCIPHERMENT -> KeyUsage.keyEncipherment;
            case DATA_ENCIPHERMENT -> KeyUsage.dataEncipherment;
            case KEY_AGREEMENT -> KeyUsage.keyAgreement;
          };
    }
    return bits;
  }
}
