package org.scepra.protocol;

import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * A verified and decrypted request.
 *
 * @param header the outer SignedData's attributes and signer
 * @param message the decrypted content
 * @param contentEncryption the request's content-encryption algorithm, mirrored in the response
 */
public record PkiRequest(RequestHeader header, PkiMessage message, ASN1ObjectIdentifier contentEncryption) {

  public PkiRequest {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(contentEncryption, "contentEncryption");
  }

  public TransactionId transactionId() {
    return header.transactionId();
  }
}
