package org.scepra.protocol;

import java.security.PrivateKey;
import java.security.Provider;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyTransRecipient;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;

/**
 * Opens a request's envelope with the RA's key-exchange key: the content key's RSA decryption and the content's
 * decryption each through the preferred provider where it offers that algorithm, else the JVM's providers. Decided
 * per envelope, since the algorithms are the client's choice.
 */
public final class RaRecipient implements KeyTransRecipient {

  /**
   * The JCA ciphers BouncyCastle asks for, by the OIDs a SCEP request may use. For OAEP it asks by the OID, which
   * ACCP does not list, so OAEP stays with the JVM's providers.
   */
  private static final Map<ASN1ObjectIdentifier, String> KEY_TRANSPORT = Map.of(
      PKCSObjectIdentifiers.rsaEncryption, "RSA/ECB/PKCS1Padding",
      PKCSObjectIdentifiers.id_RSAES_OAEP, PKCSObjectIdentifiers.id_RSAES_OAEP.getId());
  private static final Map<ASN1ObjectIdentifier, String> CONTENT = Map.of(
      CMSAlgorithm.AES128_CBC, "AES/CBC/PKCS5Padding",
      CMSAlgorithm.AES192_CBC, "AES/CBC/PKCS5Padding",
      CMSAlgorithm.AES256_CBC, "AES/CBC/PKCS5Padding",
      CMSAlgorithm.DES_EDE3_CBC, "DESede/CBC/PKCS5Padding",
      CMSAlgorithm.DES_CBC, "DES/CBC/PKCS5Padding");

  private final PrivateKey key;
  private final Optional<Provider> preferred;

  /** @param preferred the provider for this key; empty for the JVM's default providers */
  public RaRecipient(PrivateKey key, Optional<Provider> preferred) {
    this.key = Objects.requireNonNull(key, "key");
    this.preferred = Objects.requireNonNull(preferred, "preferred");
  }

  @Override
  public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryptionAlgorithm,
      AlgorithmIdentifier contentEncryptionAlgorithm, byte[] encryptedContentKey) throws CMSException {
    JceKeyTransEnvelopedRecipient recipient = new JceKeyTransEnvelopedRecipient(key);
    // A token (PKCS#11) may unwrap the content key into a key that stays inside it; the content is decrypted by
    // another provider, which needs the key's bytes: BouncyCastle then decrypts the content key instead.
    recipient.setMustProduceEncodableUnwrappedKey(true);
    offering(keyEncryptionAlgorithm, KEY_TRANSPORT).ifPresent(recipient::setProvider);
    // setProvider also sets the content's provider: choose that one separately (null: the JVM's providers). A
    // PKCS#11 token's provider only opens the content key: a token may list a cipher it cannot run (SoftHSM2 on
    // OpenSSL 3 lists single DES, then answers CKR_MECHANISM_INVALID), and the content key is an ordinary key.
    recipient.setContentProvider(inToken(key) ? null : offering(contentEncryptionAlgorithm, CONTENT).orElse(null));
    return recipient.getRecipientOperator(keyEncryptionAlgorithm, contentEncryptionAlgorithm, encryptedContentKey);
  }

  /** A key of a PKCS#11 token (SunPKCS11's), usable through the token's provider only. */
  static boolean inToken(PrivateKey key) {
    return "jdk.crypto.cryptoki".equals(key.getClass().getModule().getName());
  }

  private Optional<Provider> offering(AlgorithmIdentifier algorithm, Map<ASN1ObjectIdentifier, String> names) {
    String name = names.get(algorithm.getAlgorithm());
    return name == null ? Optional.empty() : JcaProviders.offering(preferred, "Cipher", name);
  }
}
