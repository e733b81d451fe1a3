package org.scepra.backend.adcs;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * The AD CS double (CES in front of an enterprise CA) for tests outside this package, e.g. the
 * integration tests that run scepra in an application server ({@code org.scepra.it.AdcsIT}):
 * listens on a fixed port of 127.0.0.1, so that the server under test can be configured before the
 * double exists, and writes the RA's TLS client keystore and the trust store for CES's TLS
 * certificate where that configuration points. Only what such a test needs is public.
 */
public final class StandaloneCesDouble implements AutoCloseable {

  /** The account the UsernamePassword instance accepts ({@code adcs.username}). */
  public static final String USERNAME = CesDouble.USERNAME;
  public static final String SIGNATURE_TEMPLATE = "ScepraSignature";
  public static final String ENCRYPTION_TEMPLATE = "ScepraEncryption";
  public static final String GENERAL_PURPOSE_TEMPLATE = "ScepraGeneralPurpose";
  public static final String RA_SIGNING_TEMPLATE = "ScepraRaSigning";
  public static final String RA_ENCRYPTION_TEMPLATE = "ScepraRaEncryption";
  /** A template the CA has, on which the RA lacks Enroll permission. */
  public static final String DENIED_TEMPLATE = "WebServer";

  private final CesPki pki = new CesPki();
  private final CesDouble ca = new CesDouble(pki);
  private final CesService service;
  private final int port;
  private CesDoubleServer server;

  private StandaloneCesDouble(int port, String password) {
    this.port = port;
    this.service = new CesService(ca, password);
  }

  /**
   * Writes {@code keystore} (PKCS#12: the RA's TLS client key and certificate, issued by the
   * issuing CA) and {@code truststore} (PKCS#12: the root CA, under which CES's TLS certificate for
   * 127.0.0.1 chains), then serves on 127.0.0.1:{@code port}, accepting {@link #USERNAME} with
   * {@code password} on the UsernamePassword instance.
   */
  public static StandaloneCesDouble start(int port, String password, Path keystore, String keystorePassword,
      Path truststore, String truststorePassword) throws Exception {
    StandaloneCesDouble started = new StandaloneCesDouble(port, password);
    CesPki pki = started.pki;
    CesPki.keyStore(keystore, keystorePassword.toCharArray(), pki.raClientKeys.getPrivate(), pki.raClient, pki.issuing);
    CesPki.trustStore(truststore, truststorePassword.toCharArray(), pki.root);
    started.startServing();
    return started;
  }

  /** Serves again on the same port, with the same CA and requests, after {@link #stop}. */
  public synchronized void startServing() throws Exception {
    if (server == null) {
      server = CesDoubleServer.start(pki, service, port);
    }
  }

  /** CES goes down: the port is closed until {@link #startServing}. */
  public synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Every message waits this long before it is answered (zero: none). */
  public synchronized void stall(Duration delay) {
    server.delayMillis = delay.toMillis();
  }

  public URI certificateUrl() {
    return URI.create("https://127.0.0.1:" + port + CesDoubleServer.CERTIFICATE_PATH);
  }

  public URI usernameUrl() {
    return URI.create("https://127.0.0.1:" + port + CesDoubleServer.USERNAME_PATH);
  }

  public URI crlUrl() {
    return URI.create("https://127.0.0.1:" + port + CesDoubleServer.CRL_PATH);
  }

  /** The issuing CA first, the root last. */
  public List<X509Certificate> caChain() {
    return pki.caChain();
  }

  /** The CA stops offering a template (CERTSRV_E_UNSUPPORTED_CERT_TYPE), or offers it again. */
  public void offerTemplate(String template, boolean offered) {
    if (offered) {
      ca.restore(template);
    } else {
      ca.withdraw(template);
    }
  }

  /** The RA loses (or regains) Enroll permission on a template (CERTSRV_E_TEMPLATE_DENIED). */
  public void denyEnrollment(String template, boolean denied) {
    if (denied) {
      ca.enrollDenied.add(template);
    } else {
      ca.enrollDenied.remove(template);
    }
  }

  /** A template requires a minimum key size (CERTSRV_E_KEY_LENGTH below it). */
  public void minimumKeySize(String template, int bits) {
    ca.offer(ca.templates.get(template).withMinimumKeySize(bits));
  }

  /** A template needs (or stops needing) CA certificate manager approval. */
  public void managerApproval(String template, boolean needed) {
    ca.offer(ca.templates.get(template).withManagerApproval(needed));
  }

  /** CES can no longer reach the CA (RPC_S_SERVER_UNAVAILABLE), or can again. */
  public void caUnavailable(boolean unavailable) {
    ca.caUnavailable = unavailable;
  }

  /** The newest request waiting for a CA manager. */
  public int lastPendingRequest() {
    return ca.lastPendingRequest();
  }

  public void approve(int requestId) {
    ca.approve(requestId);
  }

  public void deny(int requestId) {
    ca.deny(requestId);
  }

  /** A CA administrator revokes a certificate; it is on the CRL from now on. */
  public void revoke(X509Certificate certificate) {
    service.revoke(certificate);
  }

  @Override
  public void close() {
    stop();
  }
}
