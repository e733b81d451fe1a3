package org.scepra.protocol;

import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Maps a CSR's signature algorithm to its digest, so the digest policy decides for both. */
final class CsrSignatures {

  private static final Map<ASN1ObjectIdentifier, ASN1ObjectIdentifier> DIGEST_OF = Map.ofEntries(
      Map.entry(PKCSObjectIdentifiers.md5WithRSAEncryption, PKCSObjectIdentifiers.md5),
      Map.entry(PKCSObjectIdentifiers.sha1WithRSAEncryption, OIWObjectIdentifiers.idSHA1),
      Map.entry(PKCSObjectIdentifiers.sha224WithRSAEncryption, NISTObjectIdentifiers.id_sha224),
      Map.entry(PKCSObjectIdentifiers.sha256WithRSAEncryption, NISTObjectIdentifiers.id_sha256),
      Map.entry(PKCSObjectIdentifiers.sha384WithRSAEncryption, NISTObjectIdentifiers.id_sha384),
      Map.entry(PKCSObjectIdentifiers.sha512WithRSAEncryption, NISTObjectIdentifiers.id_sha512),
      Map.entry(X9ObjectIdentifiers.ecdsa_with_SHA1, OIWObjectIdentifiers.idSHA1),
      Map.entry(X9ObjectIdentifiers.ecdsa_with_SHA256, NISTObjectIdentifiers.id_sha256),
      Map.entry(X9ObjectIdentifiers.ecdsa_with_SHA384, NISTObjectIdentifiers.id_sha384),
      Map.entry(X9ObjectIdentifiers.ecdsa_with_SHA512, NISTObjectIdentifiers.id_sha512));

  private CsrSignatures() {}

  /** RSASSA-PSS is accepted as is; its digest sits in parameters the JCA verifier checks. */
  static boolean accepted(AlgorithmIdentifier signatureAlgorithm, AlgorithmPolicy policy) {
    ASN1ObjectIdentifier oid = signatureAlgorithm.getAlgorithm();
    if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
      return true;
    }
    ASN1ObjectIdentifier digest = DIGEST_OF.get(oid);
    return digest != null && policy.digest(digest).isPresent();
  }
}
