package org.scepra.ra.challenge;

import java.time.Instant;
import java.util.Optional;

/**
 * A one-time challenge as stored: only its hash, never the secret itself.
 *
 * @param hash SHA-256 of the challenge, hex
 * @param alias the endpoint it is valid on
 * @param issuedBy the operator who minted it
 * @param expiresAt after this it is refused
 * @param usedAt when it was consumed; empty while unused
 * @param expectedSubject if present, the CSR subject must equal it
 * @param expectedSan if present, the CSR must carry this subjectAltName (DNS name, e-mail or URI)
 */
public record OneTimeChallenge(String hash, String alias, String issuedBy, Instant issuedAt, Instant expiresAt,
    Optional<Instant> usedAt, Optional<String> expectedSubject, Optional<String> expectedSan) {}
