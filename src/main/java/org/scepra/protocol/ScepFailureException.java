package org.scepra.protocol;

import java.util.Objects;

/**
 * A decodable request failed a check. The RA answers it with a signed CertRep FAILURE carrying
 * {@link #failInfo()} and {@link #getMessage()} as failInfoText, addressed by {@link #header()}.
 */
public final class ScepFailureException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient RequestHeader header;
  private final FailInfo failInfo;

  public ScepFailureException(RequestHeader header, FailInfo failInfo, String failInfoText) {
    super(failInfoText, null, false, false);
    this.header = Objects.requireNonNull(header, "header");
    this.failInfo = Objects.requireNonNull(failInfo, "failInfo");
  }

  public RequestHeader header() {
    return header;
  }

  public FailInfo failInfo() {
    return failInfo;
  }
}
