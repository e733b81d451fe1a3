package org.scepra.backend.ejbca;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The EJBCA double ({@link EjbcaDouble} behind {@link DoubleServer}) for tests outside this
 * package, e.g. the integration test that runs scepra in an application server
 * ({@code org.scepra.it.EjbcaIT}): listens on a fixed port of 127.0.0.1, so the server under test
 * can be configured before the double exists, and writes the RA's client keystore and the trust
 * store for its TLS certificate where that configuration points. Only what such a test needs is
 * public; the double itself is the same one the backend's unit tests use.
 */
public final class StandaloneEjbcaDouble implements AutoCloseable {

  /** The CA name the double knows ({@code ca-name}). */
  public static final String CA_NAME = EjbcaDouble.CA_NAME;
  /**
   * An end entity profile the double knows ({@code end-entity-profile}) that offers the RA's certificate profiles,
   * as the backend README sets one up (EJBCA's EMPTY offers only ENDUSER, OCSPSIGNER and SERVER).
   */
  public static final String END_ENTITY_PROFILE = DoubleProfiles.SCEP;
  /** Web-service path of the double, as EJBCA's. */
  public static final String PATH = DoubleServer.PATH;
  /** Certificate profiles an administrator creates for the RA certificates (digitalSignature, keyEncipherment only). */
  public static final String RA_SIGNING_PROFILE = "SCEP_RA_SIGNING";
  public static final String RA_ENCRYPTION_PROFILE = "SCEP_RA_ENCRYPTION";

  /** EJBCA's ManagementCA has an RSA key (see the captures); the unit tests' EC one is only quicker to make. */
  private final TestPki pki = new TestPki(true);
  private final EjbcaDouble ejbca = new EjbcaDouble(pki);
  private final int port;
  private DoubleServer server;

  private StandaloneEjbcaDouble(int port) {
    this.port = port;
  }

  /**
   * Writes {@code keystore} (PKCS#12: the RA's client key, its certificate and the management CA)
   * and {@code truststore} (PKCS#12: the management CA, which issued the double's TLS certificate
   * for 127.0.0.1), creating their directories, then starts serving on 127.0.0.1:{@code port}.
   */
  public static StandaloneEjbcaDouble start(int port, Path keystore, String keystorePassword, Path truststore,
      String truststorePassword) throws Exception {
    StandaloneEjbcaDouble started = prepare(port, keystore, keystorePassword, truststore, truststorePassword);
    started.startServing();
    return started;
  }

  /**
   * Like {@link #start}, but EJBCA is not up yet: the files are written, the port stays closed until
   * {@link #startServing}.
   */
  public static StandaloneEjbcaDouble prepare(int port, Path keystore, String keystorePassword, Path truststore,
      String truststorePassword) throws Exception {
    StandaloneEjbcaDouble prepared = new StandaloneEjbcaDouble(port);
    Files.createDirectories(keystore.toAbsolutePath().getParent());
    Files.createDirectories(truststore.toAbsolutePath().getParent());
    TestPki pki = prepared.pki;
    TestPki.keyStore(keystore, keystorePassword.toCharArray(), pki.raKeys.getPrivate(), pki.raCert, pki.ca.certificate());
    TestPki.trustStore(truststore, truststorePassword.toCharArray(), pki.ca.certificate());
    return prepared;
  }

  /** Starts serving again on the same port, with the same CA and state, after {@link #stop}. */
  public synchronized void startServing() throws Exception {
    if (server == null) {
      server = DoubleServer.start(pki, ejbca, port);
    }
  }

  /** EJBCA goes down: the port is closed until {@link #startServing}. */
  public synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Every request waits this long before it is answered (zero: none). */
  public synchronized void stall(Duration delay) {
    server.delayMillis = delay.toMillis();
  }

  /**
   * Whether EJBCA refuses the RA: its administrator role loses the RA's client certificate, so every
   * call the RA makes is answered AuthorizationDeniedException (as when a role is edited or the
   * RA's certificate is revoked in EJBCA); false gives it back.
   */
  public void refuseTheRa(boolean refuse) {
    String ra = pki.raCert.getSubjectX500Principal().getName();
    if (refuse) {
      ejbca.admins.remove(ra);
    } else {
      ejbca.admins.add(ra);
    }
  }

  /** What getLastCAChain answers for {@link #CA_NAME}. */
  public List<X509Certificate> caChain() throws Exception {
    return CertificateCodec.certificates(ejbca.lastCaChain(CA_NAME));
  }

  /** What getLatestCRL answers for {@link #CA_NAME} (made at the time of asking). */
  public X509CRL latestCrl() throws Exception {
    return CertificateCodec.crl(ejbca.latestCrl(CA_NAME));
  }

  /** An EJBCA administrator revokes a certificate the double issued. */
  public void revoke(X509Certificate certificate, int crlReason) {
    ejbca.revokeCert(certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16), crlReason);
  }

  /** Whether adding an end entity (editUser) waits for an administrator's approval. */
  public void enrolmentNeedsApproval(boolean needed) {
    ejbca.enrolmentNeedsApproval = needed;
  }

  /** The id of the approval request waiting for the end entity {@code username}. */
  public int waitingApproval(String username) {
    return ejbca.approvals.entrySet().stream()
        .filter(e -> e.getValue().user.username.equals(username) && e.getValue().remaining > 0)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no approval request waits for " + username + " in the EJBCA double"));
  }

  public void approve(int requestId) {
    ejbca.approve(requestId);
  }

  public void reject(int requestId) {
    ejbca.reject(requestId);
  }

  /** Whether the CA refuses a subject DN that another end entity has certificates for (EJBCA's default: yes). */
  public boolean enforcesUniqueDn() {
    return ejbca.enforceUniqueDn;
  }

  /** The end entities' names, in no order. */
  public Set<String> endEntities() {
    return Set.copyOf(ejbca.users.keySet());
  }

  /** The certificates issued to the end entity {@code username}. */
  public List<X509Certificate> certificatesOf(String username) {
    return ejbca.owners.entrySet().stream().filter(owner -> owner.getValue().equals(username))
        .map(owner -> ejbca.ca.issued.get(owner.getKey())).toList();
  }

  /** Every one-time password the RA set with editUser: secrets that must appear in no log. */
  public List<String> enrolmentPasswords() {
    return List.copyOf(ejbca.passwords);
  }

  /** The subject DN of the end entity {@code username} as EJBCA stored it (empty if unknown). */
  public Optional<String> endEntitySubject(String username) {
    return Optional.ofNullable(ejbca.users.get(username)).map(user -> user.subjectDN);
  }

  @Override
  public void close() {
    stop();
  }
}
