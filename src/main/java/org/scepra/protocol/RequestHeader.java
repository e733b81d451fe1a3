package org.scepra.protocol;

import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What the outer SignedData of a request says about it: enough to address a CertRep to it.
 *
 * @param messageType the messageType attribute, empty if it named no known type
 * @param transactionId the transactionID attribute
 * @param senderNonce the client's senderNonce, echoed as recipientNonce
 * @param signerCertificate the certificate that signed the request (often a throwaway self-signed
 *     one; for renewal, the certificate being renewed); empty if the request carried none
 * @param digestAlgorithm the signer's digest algorithm, mirrored in the response
 */
public record RequestHeader(
    Optional<MessageType> messageType,
    TransactionId transactionId,
    Nonce senderNonce,
    Optional<X509CertificateHolder> signerCertificate,
    AlgorithmIdentifier digestAlgorithm) {

  public RequestHeader {
    Objects.requireNonNull(messageType, "messageType");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(senderNonce, "senderNonce");
    Objects.requireNonNull(signerCertificate, "signerCertificate");
    Objects.requireNonNull(digestAlgorithm, "digestAlgorithm");
  }
}
