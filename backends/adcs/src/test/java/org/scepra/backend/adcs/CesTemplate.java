package org.scepra.backend.adcs;

import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

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

  /** OID of the Certificate Request Agent EKU, which NDES's RA templates carry. */
  static final KeyPurposeId CERTIFICATE_REQUEST_AGENT =
      KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.1"));

  /** The templates the double's CA offers at start (the RA lacks Enroll permission on WebServer). */
  static List<CesTemplate> catalog() {
    int sign = KeyUsage.digitalSignature;
    int encipher = KeyUsage.keyEncipherment;
    List<KeyPurposeId> client = List.of(KeyPurposeId.id_kp_clientAuth);
    return List.of(
        new CesTemplate("ScepraSignature", sign, client, 2048, false),
        new CesTemplate("ScepraEncryption", encipher, List.of(), 2048, false),
        new CesTemplate("ScepraGeneralPurpose", sign | encipher, client, 2048, false),
        // NDES's own RA templates are "Exchange Enrollment Agent (Offline request)" and "CEP Encryption"
        new CesTemplate("ScepraRaSigning", sign, List.of(CERTIFICATE_REQUEST_AGENT), 2048, false),
        new CesTemplate("ScepraRaEncryption", encipher, List.of(CERTIFICATE_REQUEST_AGENT), 2048, false),
        new CesTemplate("WebServer", sign | encipher, List.of(KeyPurposeId.id_kp_serverAuth), 2048, false));
  }

  CesTemplate withMinimumKeySize(int bits) {
    return new CesTemplate(name, keyUsage, extendedKeyUsages, bits, managerApproval);
  }

  CesTemplate withManagerApproval(boolean approval) {
    return new CesTemplate(name, keyUsage, extendedKeyUsages, minimumKeySize, approval);
  }
}
