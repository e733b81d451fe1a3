package org.scepra.ra.console;

import java.util.List;

/**
 * One endpoint as the console shows it.
 *
 * @param compat whether it is also served at the hard-coded client paths ({@code scepra.compat-alias})
 * @param ready whether readiness found its backend up
 * @param readiness the readiness check's detail
 * @param capabilities GetCACaps keywords
 * @param caChain the CA chain, issuing CA first; empty with {@code chainProblem} when the CA cannot give it now
 * @param raCertificates the RA's encryption and signing certificates
 */
public record EndpointView(String alias, String backend, boolean compat, boolean ready, String readiness,
    List<String> capabilities, boolean manualApproval, boolean oneTimeChallenges, List<CertificateView> caChain,
    String chainProblem, List<CertificateView> raCertificates) {}
