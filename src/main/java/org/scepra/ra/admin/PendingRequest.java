package org.scepra.ra.admin;

import java.time.Instant;

/** A request waiting for an operator, as the admin API lists it. */
public record PendingRequest(String alias, String transactionId, Instant receivedAt, CsrDetails csr) {}
