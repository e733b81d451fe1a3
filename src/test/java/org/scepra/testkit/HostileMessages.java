package org.scepra.testkit;

import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.scepra.protocol.ScepAttributes;

/**
 * Malformed, tampered and odd requests for the hostile-input catalogue: what {@link ScepTestClient}
 * cannot make because it only makes well-formed requests. Test-only.
 */
public final class HostileMessages {

  private HostileMessages() {}

  /** How the outer SignedData is put together; {@link #normal} is what a correct client sends. */
  public record Signing(KeyPair key, X509Certificate signer, String digest, List<Attribute> attributes,
      List<X509Certificate> certificates, boolean encapsulate, boolean signedAttributes, byte[] subjectKeyId) {

    public static Signing normal(KeyPair key, X509Certificate signer, String messageType, String transactionId) {
      byte[] nonce = new byte[16];
      new java.security.SecureRandom().nextBytes(nonce);
      return new Signing(key, signer, "SHA256", scepAttributes(new DERPrintableString(messageType),
          new DERPrintableString(transactionId), new DEROctetString(nonce)), List.of(signer), true, true, null);
    }

    public Signing attributes(List<Attribute> value) {
      return new Signing(key, signer, digest, value, certificates, encapsulate, signedAttributes, subjectKeyId);
    }

    public Signing certificates(List<X509Certificate> value) {
      return new Signing(key, signer, digest, attributes, value, encapsulate, signedAttributes, subjectKeyId);
    }

    public Signing detached() {
      return new Signing(key, signer, digest, attributes, certificates, false, signedAttributes, subjectKeyId);
    }

    public Signing withoutSignedAttributes() {
      return new Signing(key, signer, digest, attributes, certificates, encapsulate, false, subjectKeyId);
    }

    /** Identify the signer by subjectKeyIdentifier instead of issuer and serial number. */
    public Signing bySubjectKeyId(byte[] value) {
      return new Signing(key, signer, digest, attributes, certificates, encapsulate, signedAttributes, value);
    }
  }

  /** messageType, transactionID, senderNonce as attributes; a null value leaves that one out. */
  public static List<Attribute> scepAttributes(ASN1Encodable messageType, ASN1Encodable transactionId,
      ASN1Encodable senderNonce) {
    List<Attribute> attributes = new ArrayList<>();
    if (messageType != null) {
      attributes.add(new Attribute(ScepAttributes.MESSAGE_TYPE, new DERSet(messageType)));
    }
    if (transactionId != null) {
      attributes.add(new Attribute(ScepAttributes.TRANSACTION_ID, new DERSet(transactionId)));
    }
    if (senderNonce != null) {
      attributes.add(new Attribute(ScepAttributes.SENDER_NONCE, new DERSet(senderNonce)));
    }
    return attributes;
  }

  /** A SignedData over {@code content} signed by each of {@code signings} (normally one). */
  public static byte[] signed(byte[] content, Signing... signings) {
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      List<X509Certificate> certificates = new ArrayList<>();
      for (Signing s : signings) {
        JcaSignerInfoGeneratorBuilder builder = new JcaSignerInfoGeneratorBuilder(
            new JcaDigestCalculatorProviderBuilder().build());
        if (s.signedAttributes()) {
          ASN1EncodableVector attributes = new ASN1EncodableVector();
          s.attributes().forEach(attributes::add);
          builder.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)));
        } else {
          builder.setDirectSignature(true);
        }
        var signer = new JcaContentSignerBuilder(s.digest() + "withRSA").build(s.key().getPrivate());
        SignerInfoGenerator info = s.subjectKeyId() == null ? builder.build(signer, s.signer())
            : builder.build(signer, s.subjectKeyId());
        generator.addSignerInfoGenerator(info);
        certificates.addAll(s.certificates());
      }
      if (!certificates.isEmpty()) {
        generator.addCertificates(new JcaCertStore(certificates));
      }
      boolean encapsulate = signings[0].encapsulate();
      CMSTypedData data = new CMSProcessableByteArray(content);
      return generator.generate(data, encapsulate).getEncoded(ASN1Encoding.DER);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A certs-only SignedData (what GetCACert answers), sent as if it were a request. */
  public static byte[] degenerate(X509Certificate certificate) {
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addCertificates(new JcaCertStore(List.of(certificate)));
      return generator.generate(new CMSAbsentContent()).getEncoded(ASN1Encoding.DER);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Flips the low bit of the last byte of the second-to-last ciphertext block, which flips the same
   * bit of the padding after CBC decryption: the padding check fails, always.
   */
  public static byte[] corruptCiphertext(byte[] envelope) {
    try {
      ContentInfo info = ContentInfo.getInstance(envelope);
      EnvelopedData data = EnvelopedData.getInstance(info.getContent());
      EncryptedContentInfo content = data.getEncryptedContentInfo();
      byte[] ciphertext = content.getEncryptedContent().getOctets();
      ciphertext[ciphertext.length - 17] ^= 0x01;
      EnvelopedData corrupted = new EnvelopedData(data.getOriginatorInfo(), data.getRecipientInfos(),
          new EncryptedContentInfo(content.getContentType(), content.getContentEncryptionAlgorithm(),
              new DEROctetString(ciphertext)), data.getUnprotectedAttrs());
      return new ContentInfo(info.getContentType(), corrupted).getEncoded(ASN1Encoding.DER);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Flips a bit in the middle of the encapsulated content after signing: messageDigest no longer matches. */
  public static byte[] tamperContent(byte[] signedData) {
    try {
      byte[] content = (byte[]) new CMSSignedData(signedData).getSignedContent().getContent();
      int at = indexOf(signedData, content);
      byte[] tampered = signedData.clone();
      tampered[at + content.length / 2] ^= 0x01;
      return tampered;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The SignedData with its signer's digest algorithm replaced by {@code oid} (the signature is left as it was). */
  public static byte[] withDigestAlgorithm(byte[] signedData, ASN1ObjectIdentifier oid) {
    var digest = new org.bouncycastle.asn1.x509.AlgorithmIdentifier(oid);
    return rebuilt(signedData, data -> {
      org.bouncycastle.asn1.cms.SignerInfo signer =
          org.bouncycastle.asn1.cms.SignerInfo.getInstance(data.getSignerInfos().getObjectAt(0));
      return new org.bouncycastle.asn1.cms.SignedData(new DERSet(digest), data.getEncapContentInfo(),
          data.getCertificates(), data.getCRLs(), new DERSet(new org.bouncycastle.asn1.cms.SignerInfo(signer.getSID(),
              digest, signer.getAuthenticatedAttributes(), signer.getDigestEncryptionAlgorithm(),
              signer.getEncryptedDigest(), signer.getUnauthenticatedAttributes())));
    });
  }

  /** The SignedData with {@code certificates} as its certificate set, whatever they are. */
  public static byte[] withCertificateSet(byte[] signedData, ASN1Encodable... certificates) {
    return rebuilt(signedData, data -> new org.bouncycastle.asn1.cms.SignedData(data.getDigestAlgorithms(),
        data.getEncapContentInfo(), new DERSet(certificates), data.getCRLs(), data.getSignerInfos()));
  }

  private static byte[] rebuilt(byte[] signedData,
      java.util.function.UnaryOperator<org.bouncycastle.asn1.cms.SignedData> change) {
    try {
      ContentInfo info = ContentInfo.getInstance(signedData);
      var changed = change.apply(org.bouncycastle.asn1.cms.SignedData.getInstance(info.getContent()));
      return new ContentInfo(info.getContentType(), changed).getEncoded(ASN1Encoding.DER);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Flips a bit of the RSA signature, the last element of a DER SignedData. */
  public static byte[] flipSignature(byte[] signedData) {
    byte[] flipped = signedData.clone();
    flipped[flipped.length - 5] ^= 0x01;
    return flipped;
  }

  /** {@code depth} nested indefinite-length SEQUENCEs ({@code 30 80 ... 00 00}). */
  public static byte[] nestedIndefinite(int depth) {
    byte[] out = new byte[depth * 4];
    for (int i = 0; i < depth; i++) {
      out[2 * i] = 0x30;
      out[2 * i + 1] = (byte) 0x80;
    }
    return out;
  }

  /** {@code depth} nested definite-length SEQUENCEs with four-byte lengths. */
  public static byte[] nestedDefinite(int depth) {
    byte[] out = new byte[depth * 6];
    for (int i = 0; i < depth; i++) {
      int length = (depth - i - 1) * 6;
      out[6 * i] = 0x30;
      out[6 * i + 1] = (byte) 0x84;
      out[6 * i + 2] = (byte) (length >>> 24);
      out[6 * i + 3] = (byte) (length >>> 16);
      out[6 * i + 4] = (byte) (length >>> 8);
      out[6 * i + 5] = (byte) length;
    }
    return out;
  }

  public static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first);
    out.writeBytes(second);
    return out.toByteArray();
  }

  // ---- CSRs

  /** A CSR with exactly the given attributes (none added or merged), signed with SHA-256. */
  public static PKCS10CertificationRequest csr(KeyPair key, String subject, Attribute... attributes) {
    try {
      PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
          new X500Name(subject), key.getPublic());
      for (Attribute attribute : attributes) {
        builder.addAttribute(attribute.getAttrType(), attribute.getAttrValues().toArray());
      }
      return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static Attribute challenge(String value) {
    return new Attribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
        new DERSet(new DERPrintableString(value)));
  }

  /** An extensionRequest whose value is exactly these extensions, repeats included. */
  public static Attribute extensionRequest(Extension... extensions) {
    return new Attribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new DERSet(new DERSequence(extensions)));
  }

  /** An extensionRequest with several values, one Extensions each. */
  public static Attribute extensionRequestValues(Extension... extensions) {
    ASN1Encodable[] values = Arrays.stream(extensions).map(e -> new DERSequence(e)).toArray(ASN1Encodable[]::new);
    return new Attribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new DERSet(values));
  }

  public static Extension dnsSan(String... names) {
    return extension(Extension.subjectAlternativeName,
        new GeneralNames(Arrays.stream(names).map(n -> new GeneralName(GeneralName.dNSName, n))
            .toArray(GeneralName[]::new)));
  }

  public static Extension extension(ASN1ObjectIdentifier oid, ASN1Encodable value) {
    try {
      return new Extension(oid, false, new DEROctetString(value));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An extension whose value octets are exactly {@code raw}, well-formed or not. */
  public static Extension rawExtension(ASN1ObjectIdentifier oid, byte[] raw) {
    return new Extension(oid, false, new DEROctetString(raw));
  }

  /** The CSR with one bit of its signature flipped. */
  public static byte[] brokenSignature(PKCS10CertificationRequest csr) {
    try {
      byte[] der = csr.getEncoded();
      der[der.length - 3] ^= 0x01;
      return der;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A self-signed certificate carrying an extension with exactly these value octets. */
  public static X509Certificate selfSignedWithRawExtension(KeyPair key, String dn, ASN1ObjectIdentifier oid,
      byte[] raw) {
    try {
      java.time.Instant now = java.time.Instant.now();
      var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(new X500Name(dn),
          java.math.BigInteger.valueOf(now.toEpochMilli()), java.util.Date.from(now.minusSeconds(60)),
          java.util.Date.from(now.plusSeconds(3600)), new X500Name(dn), key.getPublic());
      builder.addExtension(oid, false, raw);
      return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("content not found in its SignedData");
  }
}
