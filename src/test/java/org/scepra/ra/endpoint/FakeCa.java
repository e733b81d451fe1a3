package org.scepra.ra.endpoint;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.CaBackend;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.spi.ProfileMapping;
import org.scepra.testkit.TestPki;

/**
 * A CA backend for RA bootstrap tests that, like EJBCA, applies key usages of its own profiles (not the
 * request's), can be down, or can only answer PENDING.
 */
final class FakeCa implements CaBackend, ProfileMapping {
  enum Mode { UP, DOWN, PENDING }

  static final int ENDUSER = KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment;

  final KeyPair caKey = TestPki.rsa(2048);
  final X509Certificate caCertificate = TestPki.selfSigned(caKey, "CN=Fake CA");
  final List<IssueRequest> requests = new CopyOnWriteArrayList<>();
  volatile Mode mode = Mode.UP;
  /** Key usages per scepra profile name; ENDUSER's for all when null. */
  volatile boolean onePerRole = true;
  /** When set, issue waits for it (a CA that takes its time). */
  volatile CountDownLatch hold;
  /** Whose time the certificates it issues start at. */
  volatile java.time.Clock clock = java.time.Clock.systemUTC();

  @Override
  public IssueResult issue(IssueRequest request) {
    requests.add(request);
    CountDownLatch latch = hold;
    if (latch != null) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return switch (mode) {
      case DOWN -> new IssueResult.Rejected(IssueResult.Reason.CA_UNAVAILABLE, "the CA is unavailable, try again later");
      case PENDING -> new IssueResult.Pending("queued-" + requests.size());
      case UP -> new IssueResult.Issued(certify(request), List.of(caCertificate));
    };
  }

  private X509Certificate certify(IssueRequest request) {
    int usage = !onePerRole ? ENDUSER
        : request.profile().name().equals("ra-signing") ? KeyUsage.digitalSignature : KeyUsage.keyEncipherment;
    try {
      return TestPki.certificate(request.csr().getSubject().toString(),
          new JcaPKCS10CertificationRequest(request.csr()).getPublicKey(), "CN=Fake CA", caKey.getPrivate(), usage,
          clock.instant(), Duration.ofDays(30));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<X509Certificate> caChain(String endpointAlias) {
    return List.of(caCertificate);
  }

  @Override
  public BackendHealth health(String endpointAlias) {
    return mode == Mode.DOWN ? BackendHealth.down("down") : BackendHealth.up("up");
  }

  @Override
  public String settingFor(String endpointAlias, String profileName) {
    return "fake profile ENDUSER (fake." + endpointAlias + "." + profileName + ")";
  }
}
