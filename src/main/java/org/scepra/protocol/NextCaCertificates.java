package org.scepra.protocol;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * GetNextCACert's answer (RFC 8894 §4.7.1, {@code application/x-x509-next-ca-cert}): a SignedData
 * whose content (id-data) is a degenerate certificates-only SignedData holding the next CA
 * certificate(s).
 *
 * <p>Signed by each given signer, one SignerInfo each: RFC 8894 asks for the current CA's key,
 * while draft-era clients (jscep) verify it with the RA signing certificate they got from
 * GetCACert. The outer SignedData also lists the next CA certificates, and only them: jscep reads
 * the certificates from there, not from the content. The signers' own certificates are left out,
 * since a client verifies with what it already trusts, and jscep would take them as next CAs.
 */
public final class NextCaCertificates {

  /** The digest every signer uses: the answer is the same for every client. */
  static final String DIGEST = "SHA256";

  private NextCaCertificates() {}

  public static byte[] encode(List<X509Certificate> next, List<ResponseSigner> signers) {
    if (next.isEmpty() || signers.isEmpty()) {
      throw new IllegalArgumentException("GetNextCACert needs certificates and a signer");
    }
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      for (ResponseSigner signer : signers) {
        generator.addSignerInfoGenerator(
            new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(signer.signer(DIGEST), signer.certificate()));
      }
      for (X509Certificate certificate : next) {
        generator.addCertificate(new X509CertificateHolder(certificate.getEncoded()));
      }
      byte[] degenerate = DegenerateSignedData.ofCertificates(next);
      return generator
          .generate(new CMSProcessableByteArray(degenerate), true)
          .getEncoded(ASN1Encoding.DL);
    } catch (OperatorCreationException | CMSException | CertificateEncodingException | IOException e) {
      throw new IllegalStateException("cannot sign the GetNextCACert answer", e);
    }
  }
}
