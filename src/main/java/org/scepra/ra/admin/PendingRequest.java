package org.scepra.ra.admin;

import java.time.Instant;

/**
 * A request waiting for an operator, as the admin API and the console list it.
 *
 * @param profile the certificate profile the request's key usage picked
 * @param clientAddress where the request came from, as the server saw it; null for requests recorded before
 */
public record PendingRequest(String alias, String transactionId, Instant receivedAt, CsrDetails csr, String profile,
    String clientAddress) {}
