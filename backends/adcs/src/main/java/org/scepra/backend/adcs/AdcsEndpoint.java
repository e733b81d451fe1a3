package org.scepra.backend.adcs;

/** One scepra endpoint's working AD CS connection: its settings, its CES client and its CA chain. */
record AdcsEndpoint(AdcsSettings settings, CesClient ces, CaChain chain, CdpCrl crl) {

  String alias() {
    return settings.alias();
  }
}
