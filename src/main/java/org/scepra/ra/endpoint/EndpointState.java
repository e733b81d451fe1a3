package org.scepra.ra.endpoint;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.scepra.protocol.CertRepEncoder;
import org.scepra.protocol.PkiMessageDecoder;
import org.scepra.ra.identity.RaIdentity;

/** Whether an endpoint can answer SCEP now: serving with an RA identity, or unavailable and why. */
public sealed interface EndpointState permits EndpointState.Serving, EndpointState.Unavailable {

  /** Since when the endpoint has been in this state. */
  Instant since();

  /**
   * Serving with this RA identity and the codecs built for it.
   *
   * @param identity the RA certificates and keys clients see in GetCACert
   * @param decoder opens requests encrypted to the identity's (or a previous identity's) encryption key
   * @param encoder signs CertReps with the identity's signing key
   */
  record Serving(RaIdentity identity, PkiMessageDecoder decoder, CertRepEncoder encoder, Instant since)
      implements EndpointState {
    public Serving {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(decoder, "decoder");
      Objects.requireNonNull(encoder, "encoder");
      Objects.requireNonNull(since, "since");
    }
  }

  /**
   * Not serving: SCEP requests get HTTP 503, readiness says why.
   *
   * @param reason for operators (readiness, logs), never a secret
   * @param nextAttempt when the RA identity is tried again, if it will be
   */
  record Unavailable(String reason, Instant since, Optional<Instant> nextAttempt) implements EndpointState {
    public Unavailable {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(nextAttempt, "nextAttempt");
    }
  }
}
