package org.scepra.ra.identity;

import java.util.Set;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.scepra.spi.CertificateProfile;

/** The X.509 keyUsage extension for a profile's key usages. */
final class KeyUsages {

  private KeyUsages() {}

  static KeyUsage of(Set<CertificateProfile.KeyUsage> usages) {
    int bits = 0;
    for (CertificateProfile.KeyUsage usage : usages) {
      bits |= switch (usage) {
        case DIGITAL_SIGNATURE -> KeyUsage.digitalSignature;
        case NON_REPUDIATION -> KeyUsage.nonRepudiation;
        case KEY_ENCIPHERMENT -> KeyUsage.keyEncipherment;
        case DATA_ENCIPHERMENT -> KeyUsage.dataEncipherment;
        case KEY_AGREEMENT -> KeyUsage.keyAgreement;
      };
    }
    return new KeyUsage(bits);
  }
}
