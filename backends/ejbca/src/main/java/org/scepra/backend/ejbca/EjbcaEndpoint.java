package org.scepra.backend.ejbca;

/**
 * Everything one scepra endpoint needs to talk to its EJBCA: validated settings, the calls over
 * its mutual-TLS port, and its cached CA chain.
 */
record EjbcaEndpoint(EjbcaSettings settings, EjbcaCalls calls, CaChainCache chain) {

  String alias() {
    return settings.alias();
  }
}
