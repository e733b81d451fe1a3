package org.scepra.spi;

import java.security.cert.X509CRL;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Optional: the issuing CA's current CRL, for GetCRL. Called on each GetCRL from any thread; cache what is
 * fetched from the CA. A {@link RuntimeException} reaches the device as a FAILURE saying to try again.
 */
public interface CrlSource {

  /** The current CRL, or empty if the CA publishes none. May throw if the CA is unreachable. */
  Optional<X509CRL> currentCrl(String endpointAlias);

  /**
   * The current CRL of the endpoint's CA named {@code issuer}: after a rollover the previous CA
   * keeps signing a CRL for the certificates it issued. Empty when no CA of the endpoint has that
   * name. May throw if the CA is unreachable.
   */
  default Optional<X509CRL> crlOf(String endpointAlias, X500Principal issuer) {
    return currentCrl(endpointAlias).filter(crl -> crl.getIssuerX500Principal().equals(issuer));
  }
}
