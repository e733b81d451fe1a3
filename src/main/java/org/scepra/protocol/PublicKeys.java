package org.scepra.protocol;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Turns a SubjectPublicKeyInfo into a JCA key without parsing the surrounding certificate, so that
 * quirky throwaway certificates (Windows' critical AKI, expired self-signed ones) are no obstacle.
 */
final class PublicKeys {

  private PublicKeys() {}

  static PublicKey fromSpki(SubjectPublicKeyInfo spki) throws GeneralSecurityException {
    String algorithm = keyAlgorithm(spki);
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
    } catch (IOException e) {
      throw new GeneralSecurityException("unencodable public key", e);
    }
  }

  static String keyAlgorithm(SubjectPublicKeyInfo spki) throws GeneralSecurityException {
    var oid = spki.getAlgorithm().getAlgorithm();
    if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
      return "RSA";
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
      return "EC";
    }
    throw new GeneralSecurityException("unsupported public key algorithm " + oid);
  }
}
