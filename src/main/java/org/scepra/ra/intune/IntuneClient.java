package org.scepra.ra.intune;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One Intune endpoint's client of Intune's SCEP validation service (ScepActions): validate a request before
 * anything is issued, then report the issued certificate or the failure. Never throws for what Intune does; every
 * outcome is an {@link IntuneResult}.
 */
public final class IntuneClient {
  static final String SCEP_API_VERSION = "2018-02-20";
  private static final DateTimeFormatter ISO_UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  /** Intune's limit for a failure's description. */
  static final int MAX_DESCRIPTION = 255;

  private final IntuneSettings settings;
  private final EntraTokens tokens;
  private final ServiceDiscovery discovery;
  private final IntuneCalls calls;

  public IntuneClient(IntuneSettings settings) {
    this(settings, Clock.systemUTC());
  }

  IntuneClient(IntuneSettings settings, Clock clock) {
    this.settings = settings;
    IntuneHttp http = new IntuneHttp(settings);
    this.tokens = new EntraTokens(settings, http, clock);
    this.discovery = new ServiceDiscovery(settings, http, tokens);
    this.calls = new IntuneCalls(http, tokens, discovery);
  }

  public IntuneSettings settings() {
    return settings;
  }

  /** validateRequest: is this CSR (DER, as the device sent it) one Intune asked this device to send? */
  public IntuneResult validate(String transactionId, byte[] csr) {
    return scepAction("validateRequest", "request", base(transactionId, csr));
  }

  /** successNotification: the certificate issued for a validated request. */
  public IntuneResult notifySuccess(String transactionId, byte[] csr, X509Certificate certificate) {
    JsonObjectBuilder notification = base(transactionId, csr)
        .add("certificateThumbprint", HexFormat.of().withUpperCase().formatHex(sha1(certificate)))
        .add("certificateSerialNumber", certificate.getSerialNumber().toString(16))
        .add("certificateExpirationDateUtc", ISO_UTC.format(certificate.getNotAfter().toInstant()))
        .add("issuingCertificateAuthority", certificate.getIssuerX500Principal().getName())
        .add("caConfiguration", "scepra/" + settings.alias())
        .add("certificateAuthority", certificate.getIssuerX500Principal().getName());
    return scepAction("successNotification", "notification", notification);
  }

  /** failureNotification: a validated request that was not issued, with an HRESULT (see {@link HResults}). */
  public IntuneResult notifyFailure(String transactionId, byte[] csr, int hResult, String description) {
    String text = description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION) : description;
    return scepAction("failureNotification", "notification",
        base(transactionId, csr).add("hResult", hResult).add("errorDescription", text));
  }

  /** Obtains both tokens and the validation service's address (or finds them kept); DOWN with the reason. */
  public Probe probe() {
    try {
      tokens.token(EntraTokens.GRAPH);
      String host = discovery.service(ServiceDiscovery.SCEP_VALIDATION).getHost();
      tokens.token(EntraTokens.INTUNE);
      return new Probe(true, "tokens obtained; " + ServiceDiscovery.SCEP_VALIDATION + " at " + host);
    } catch (IntuneCallException e) {
      return new Probe(false, e.getMessage());
    }
  }

  /** A readiness probe's outcome; the detail names hosts and codes, never secrets. */
  public record Probe(boolean up, String detail) {}

  IntuneCalls calls() {
    return calls;
  }

  private JsonObjectBuilder base(String transactionId, byte[] csr) {
    return Json.createObjectBuilder().add("transactionId", transactionId)
        .add("certificateRequest", Base64.getEncoder().encodeToString(csr))
        .add("callerInfo", settings.providerName());
  }

  private IntuneResult scepAction(String action, String wrapper, JsonObjectBuilder content) {
    JsonObject body = Json.createObjectBuilder().add(wrapper, content).build();
    IntuneCalls.Reply reply;
    try {
      reply = calls.post(ServiceDiscovery.SCEP_VALIDATION, "ScepActions/" + action, SCEP_API_VERSION, body);
    } catch (IntuneCallException e) {
      return new IntuneResult.Unanswered(e.getMessage(), e.brief(), e.clientRequestId());
    }
    if (!(reply.body().get("code") instanceof JsonString code) || code.getString().isEmpty()) {
      return new IntuneResult.Unanswered("Intune's answer to " + action + " has no code", "unexpected answer",
          reply.clientRequestId());
    }
    if ("Success".equals(code.getString())) {
      return new IntuneResult.Success(reply.clientRequestId());
    }
    return new IntuneResult.Refused(code.getString(), reply.body().getString("errorDescription", ""),
        reply.clientRequestId());
  }

  private static byte[] sha1(X509Certificate certificate) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
