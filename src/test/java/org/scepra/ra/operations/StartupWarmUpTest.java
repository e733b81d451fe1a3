package org.scepra.ra.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.scepra.ra.authz.Lockout;
import org.scepra.ra.authz.LockoutRepository;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.Endpoints;
import org.scepra.ra.endpoint.ScepraSettings;
import org.scepra.ra.identity.RaIdentity;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.CaBackend;
import org.scepra.spi.CryptoProviders;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.testkit.MapConfig;
import org.scepra.testkit.TestPki;

/**
 * The start-up warm-up waits for an endpoint that obtains its RA certificates after the start (the default's first
 * start), holds readiness until that endpoint is warmed, and rehearses an enrollment without its effects: the backend
 * is asked to rehearse, never to issue, and the store gets only the rolled-back rehearsal and a settling update.
 */
class StartupWarmUpTest {
  private final KeyPair caKey = TestPki.rsa(2048);
  private final RecordingCa ca = new RecordingCa(TestPki.selfSigned(caKey, "CN=Warm-up Test CA"));
  private final Endpoint endpoint = new Endpoint(new ScepraSettings(new MapConfig(
      Map.of("scepra.endpoint.lab.backend", "recording"))).endpoint("lab"), ca, CryptoProviders.JVM_DEFAULTS);
  private final List<String> storeCalls = new CopyOnWriteArrayList<>();
  private final List<Object[]> rehearsedWrites = new CopyOnWriteArrayList<>();
  private final StartupWarmUp warmUp = new StartupWarmUp(endpointsOf(endpoint), store(), new Lockout(lockouts()));

  @Test
  void waitsForAnEndpointThatServesLaterAndHoldsReadinessUntilItIsWarmed() throws Exception {
    assertFalse(warmUp.outcome().up(), "nothing is warm before the warm-up ran");
    Thread running = new Thread(warmUp::run);
    running.start();
    Thread.sleep(300);
    assertTrue(running.isAlive(), "the warm-up waits for the endpoint to serve");
    assertTrue(ca.rehearsed.isEmpty());

    endpoint.activate(raIdentity());
    assertFalse(warmUp.outcome().up() && ca.rehearsed.isEmpty(), "serving but not warmed: readiness is DOWN");
    running.join(Duration.ofSeconds(60).toMillis());

    assertFalse(running.isAlive());
    assertTrue(warmUp.outcome().up(), warmUp.outcome()::detail);
    assertEquals(StartupWarmUp.ROUNDS, ca.rehearsed.size(), "the backend rehearsed each round");
    assertEquals("lab", ca.rehearsed.get(0).endpointAlias());
    assertTrue(ca.issued.isEmpty(), "the backend was never asked to issue");
  }

  @Test
  void aServingEndpointThatIsNotWarmedYetKeepsReadinessDown() {
    endpoint.activate(raIdentity());

    ReadinessProbe.Outcome outcome = warmUp.outcome();

    assertFalse(outcome.up());
    assertEquals("warming up endpoint 'lab'", outcome.detail());
  }

  @Test
  void theStoreSeesOnlyLookUpsTheRolledBackRehearsalAndAnUpdateThatFindsNoRow() {
    endpoint.activate(raIdentity());

    warmUp.run();

    assertEquals(Set.of("find", "rehearseWrites", "markIssued"), Set.copyOf(storeCalls));
    assertEquals(StartupWarmUp.ROUNDS, rehearsedWrites.size());
    TransactionRecord record = (TransactionRecord) rehearsedWrites.get(0)[0];
    IssuedCertificate certificate = (IssuedCertificate) rehearsedWrites.get(0)[1];
    assertEquals("lab", record.alias());
    assertTrue(record.transactionId().startsWith("scepra-warm-up-"), record.transactionId());
    assertEquals(record.transactionId(), certificate.transactionId());
    assertEquals(ca.rehearsed.get(0).transactionId(), record.transactionId(), "one made-up transaction throughout");
  }

  @Test
  void aBackendWhoseRehearsalFailsStillLetsTheEndpointBeWarmed() {
    ca.failRehearsal = true;
    endpoint.activate(raIdentity());

    warmUp.run();

    assertTrue(warmUp.outcome().up(), warmUp.outcome()::detail);
    assertTrue(storeCalls.contains("rehearseWrites"), "the other steps still ran");
  }

  /** Undeployed while warming: the rest is not attempted, since the application's beans are gone. */
  @Test
  void stopsAtOnceWhenTheApplicationStops() {
    ca.onRehearsal = warmUp::stop;
    endpoint.activate(raIdentity());

    warmUp.run();

    assertEquals(1, ca.rehearsed.size(), "no further round after the stop");
    assertFalse(storeCalls.contains("rehearseWrites"), "no step after the stop");
  }

  @Test
  void warmsNothingAfterTheApplicationStopped() {
    endpoint.activate(raIdentity());
    warmUp.stop();

    warmUp.run();

    assertTrue(ca.rehearsed.isEmpty());
    assertTrue(storeCalls.isEmpty(), storeCalls::toString);
  }

  private RaIdentity raIdentity() {
    KeyPair signing = TestPki.rsa(2048);
    KeyPair encryption = TestPki.rsa(2048);
    return new RaIdentity(
        TestPki.certificate("CN=RA Signing", signing.getPublic(), "CN=Warm-up Test CA", caKey.getPrivate(),
            KeyUsage.digitalSignature, Duration.ofDays(1)), signing.getPrivate(),
        TestPki.certificate("CN=RA Encryption", encryption.getPublic(), "CN=Warm-up Test CA", caKey.getPrivate(),
            KeyUsage.keyEncipherment, Duration.ofDays(1)), encryption.getPrivate());
  }

  private static Endpoints endpointsOf(Endpoint endpoint) {
    return new Endpoints() {
      @Override
      public Collection<Endpoint> all() {
        return List.of(endpoint);
      }

      @Override
      public String compatAlias() {
        return endpoint.alias();
      }
    };
  }

  /** Records each call by name; answers as a store in which nothing exists. */
  private TransactionRepository store() {
    return (TransactionRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {TransactionRepository.class}, (proxy, method, args) -> {
          storeCalls.add(method.getName());
          if (method.getName().equals("rehearseWrites")) {
            rehearsedWrites.add(args);
          }
          Class<?> type = method.getReturnType();
          if (type == Optional.class) {
            return Optional.empty();
          }
          if (type == boolean.class) {
            return false;
          }
          if (type == long.class) {
            return 0L;
          }
          return type == List.class ? List.of() : null;
        });
  }

  private static LockoutRepository lockouts() {
    return new LockoutRepository() {
      @Override
      public boolean anyLocked(Collection<String> keys, Instant now) {
        return false;
      }

      @Override
      public boolean recordFailure(String key, Instant now, Duration window, int maxFailures, Duration coolOff) {
        throw new AssertionError("the warm-up must not count a failure");
      }
    };
  }

  private static final class RecordingCa implements CaBackend {
    final X509Certificate caCertificate;
    final List<IssueRequest> rehearsed = new CopyOnWriteArrayList<>();
    final List<IssueRequest> issued = new CopyOnWriteArrayList<>();
    volatile boolean failRehearsal;
    volatile Runnable onRehearsal = () -> {};

    RecordingCa(X509Certificate caCertificate) {
      this.caCertificate = caCertificate;
    }

    @Override
    public IssueResult issue(IssueRequest request) {
      issued.add(request);
      throw new AssertionError("the warm-up must not issue");
    }

    @Override
    public void rehearseIssue(IssueRequest request) {
      rehearsed.add(request);
      onRehearsal.run();
      if (failRehearsal) {
        throw new IllegalStateException("rehearsal refused");
      }
    }

    @Override
    public List<X509Certificate> caChain(String endpointAlias) {
      return List.of(caCertificate);
    }

    @Override
    public BackendHealth health(String endpointAlias) {
      return BackendHealth.up("recording");
    }
  }
}
