package org.scepra.spi;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** A backend's answer to {@link CaBackend#issue}: issued, pending, or rejected. Never null. */
public sealed interface IssueResult {

  /**
   * The certificate was issued.
   *
   * @param certificate the new certificate
   * @param chain its issuer chain, issuing CA first (may be empty when it equals the backend's)
   */
  record Issued(X509Certificate certificate, List<X509Certificate> chain) implements IssueResult {
    public Issued {
      Objects.requireNonNull(certificate, "certificate");
      chain = List.copyOf(chain);
    }
  }

  /**
   * The CA has not decided yet; the RA answers PENDING and the client polls.
   *
   * @param reference the backend's own handle for the request, used when polling
   */
  record Pending(String reference) implements IssueResult {
    public Pending {
      Objects.requireNonNull(reference, "reference");
    }
  }

  /**
   * The CA refused, or could not be asked.
   *
   * @param reason the category, mapped by the RA to a SCEP failInfo
   * @param message a short, general text safe to show to the device
   */
  record Rejected(Reason reason, String message) implements IssueResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Why a backend refused; the RA maps these onto SCEP failInfo values. */
  enum Reason {
    /** The request itself is unacceptable to the CA (policy, subject, profile). */
    BAD_REQUEST,
    /** The request's key or signature algorithm is not accepted. */
    BAD_ALGORITHM,
    /** The CA could not be reached or failed internally. */
    CA_UNAVAILABLE
  }
}
