package org.scepra.backend.adcs;

import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * A certificate template as the AD CS double knows it: the key usage and EKUs AD CS stamps into
 * every certificate of the template (whatever the request asks for), the smallest key it accepts,
 * and whether a CA manager must approve each request ("CA certificate manager approval").
 */
record CesTemplate(String name, int keyUsage, List<KeyPurposeId> extendedKeyUsages, int minimumKeySize,
    boolean managerApproval) {

  CesTemplate {
    extendedKeyUsages = List.copyOf(extendedKeyUsages);
  }

  CesTemplate withMinimumKeySize(int bits) {
    return new CesTemplate(name, keyUsage, extendedKeyUsages, bits, managerApproval);
  }

  CesTemplate withManagerApproval(boolean approval) {
    return new CesTemplate(name, keyUsage, extendedKeyUsages, minimumKeySize, approval);
  }
}
