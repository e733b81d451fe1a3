package org.scepra.spi;

import java.security.cert.X509CRL;
import java.util.Optional;

/** Optional: the issuing CA's current CRL, for GetCRL. */
public interface CrlSource {

  /** The current CRL, or empty if the CA publishes none. May throw if the CA is unreachable. */
  Optional<X509CRL> currentCrl(String endpointAlias);
}
