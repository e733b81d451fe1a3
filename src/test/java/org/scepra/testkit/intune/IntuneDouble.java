package org.scepra.testkit.intune;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A faithful double of the Microsoft services an Intune third-party SCEP server calls, over HTTPS on 127.0.0.1
 * with a certificate made for the run: Entra ID's token endpoint ({@code /login/}), Microsoft Graph's service
 * discovery ({@code /graph/}), and the tenant's scale unit with Intune's ScepRequestValidationFEService and
 * PkiConnectorFEService. Each checks what the real one checks (see the handlers), answers in the real shapes,
 * and every request lands in the {@link #journal()}. Challenges it hands out ({@link #challenge}) choose its
 * answers; the public fields are knobs for the failure modes.
 */
public final class IntuneDouble implements AutoCloseable {
  /** How the double's challenges begin, so that test output can hide them. */
  public static final String CHALLENGE_PREFIX = "ic1.";
  static final String INTUNE_APP_ID = "0000000a-0000-0000-c000-000000000000";
  static final String SCEP_SERVICE_PATH = "/RACerts/ScepRequestValidationFEService/Gateway/StatelessScepRequestValidationService";
  static final String PKI_SERVICE_PATH = "/RACerts/StatelessPkiConnectorService/Gateway/StatelessPkiConnectorService";

  final String tenant;
  final String clientId;
  final String clientSecret;
  final Clock clock;
  final Journal journal = new Journal();
  /** Access tokens handed out: token, its scope and expiry. */
  final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
  final Map<String, Scenario> challenges = new ConcurrentHashMap<>();
  /** Requests validated with Success: transactionId to the base64 CSR validated. */
  final Map<String, String> validated = new ConcurrentHashMap<>();
  final RevocationQueue revocations = new RevocationQueue();
  final AtomicInteger serial = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();

  /** 0: the token endpoint works; otherwise the HTTP status it answers (e.g. 500). */
  public volatile int tokenStatus;
  /** expires_in of new tokens. */
  public volatile Duration tokenLifetime = Duration.ofSeconds(3599);
  /** Graph answers 403 Authorization_RequestDenied (the app lacks Application.Read.All). */
  public volatile boolean graphForbidden;
  /** Graph lists the ScepRequestValidationFEService (false: Intune not licensed in the tenant). */
  public volatile boolean listsScepService = true;
  /** Where every challenge handed out is appended (one a line), for the suite's log scan; null: nowhere. */
  public volatile Path challengeLog;
  /** Throttling of Entra's token endpoint, of Graph and of the scale unit's services. */
  final Throttle loginThrottle = new Throttle();
  final Throttle graphThrottle = new Throttle();
  final Throttle scaleUnitThrottle = new Throttle();
  /** The tenant's scale unit: the first path segment of the services' URLs. */
  volatile String scaleUnit = "fef.msua01";

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final LoopbackTls tls;

  private IntuneDouble(int port, String tenant, String clientId, String clientSecret, Clock clock) throws Exception {
    this.tenant = tenant;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.clock = clock;
    this.tls = LoopbackTls.instance();
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 32);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext));
    TokenEndpoint token = new TokenEndpoint(this);
    GraphEndpoint graph = new GraphEndpoint(this);
    ScaleUnit services = new ScaleUnit(this);
    server.createContext("/login/", exchange -> handle(exchange, loginThrottle, token::handle));
    server.createContext("/graph/", exchange -> handle(exchange, graphThrottle, graph::handle));
    server.createContext("/", exchange -> handle(exchange, scaleUnitThrottle, services::handle));
    server.setExecutor(executor);
    server.start();
  }

  /** On {@code port} (0: any free one), with the real clock. */
  public static IntuneDouble start(int port, String tenant, String clientId, String clientSecret) throws Exception {
    return new IntuneDouble(port, tenant, clientId, clientSecret, Clock.systemUTC());
  }

  /** With a clock of the test's, for token expiry. */
  public static IntuneDouble start(int port, String tenant, String clientId, String clientSecret, Clock clock)
      throws Exception {
    return new IntuneDouble(port, tenant, clientId, clientSecret, clock);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** For scepra's {@code intune.login-url}. */
  public URI loginUrl() {
    return URI.create("https://127.0.0.1:" + port() + "/login/");
  }

  /** For scepra's {@code intune.graph-url}. */
  public URI graphUrl() {
    return URI.create("https://127.0.0.1:" + port() + "/graph/");
  }

  public void writeTruststore(Path file, String password) throws Exception {
    tls.writeTruststore(file, password);
  }

  public Journal journal() {
    return journal;
  }

  /**
   * A new challenge, opaque and long as Intune's are (letters, digits, dots: a PrintableString, as clients
   * encode it), that makes the double answer as {@code scenario} says.
   */
  public String challenge(Scenario scenario) {
    StringBuilder challenge = new StringBuilder(CHALLENGE_PREFIX);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 640; i++) {
      challenge.append(i % 160 == 159 ? '.' : alphabet.charAt(random.nextInt(alphabet.length())));
    }
    challenges.put(challenge.toString(), scenario);
    Path log = challengeLog;
    if (log != null) {
      try {
        java.nio.file.Files.createDirectories(log.toAbsolutePath().getParent());
        java.nio.file.Files.writeString(log, challenge + "\n", java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return challenge.toString();
  }

  /** Moves the tenant to another scale unit: the old services' URLs answer 404 from now on. */
  public void moveScaleUnit() {
    scaleUnit = "fef.msua" + String.format("%02d", 2 + serial.incrementAndGet() % 90);
  }

  /**
   * The next {@code calls} calls to the tenant's scale unit (validation, notifications, revocation queue) are
   * answered 429 with {@code Retry-After}; a call inside that window is throttled again and counted as early.
   */
  public void throttleScaleUnit(int calls, Duration retryAfter) {
    scaleUnitThrottle.set(calls, retryAfter, null);
  }

  /** As {@link #throttleScaleUnit}, counting only calls to one action, e.g. {@code "successNotification"}. */
  public void throttleScaleUnit(String action, int calls, Duration retryAfter) {
    scaleUnitThrottle.set(calls, retryAfter, "/" + action);
  }

  /** As {@link #throttleScaleUnit}, for Entra ID's token endpoint. */
  public void throttleLogin(int calls, Duration retryAfter) {
    loginThrottle.set(calls, retryAfter, null);
  }

  /** As {@link #throttleScaleUnit}, for Microsoft Graph. */
  public void throttleGraph(int calls, Duration retryAfter) {
    graphThrottle.set(calls, retryAfter, null);
  }

  /** Calls that any service got while it had asked, by Retry-After, not to be called yet: none, from a good client. */
  public int earlyCalls() {
    return loginThrottle.early() + graphThrottle.early() + scaleUnitThrottle.early();
  }

  /** Every token handed out so far is refused from now on (401), as after a key rollover. */
  public void invalidateTokens() {
    tokens.replaceAll((token, issued) -> new IssuedToken(issued.scope(), Instant.MIN));
  }

  /** Queues a revocation, as Intune does when a device is retired; returns its requestContext. */
  public String queueRevocation(String serialNumber, String issuerName) {
    return revocations.queue(serialNumber, issuerName);
  }

  /** The result scepra uploaded for a queued revocation, if any. */
  public java.util.Optional<jakarta.json.JsonObject> revocationResult(String requestContext) {
    return revocations.result(requestContext);
  }

  String scepServiceUri() {
    return "https://127.0.0.1:" + port() + "/" + scaleUnit + SCEP_SERVICE_PATH;
  }

  String pkiServiceUri() {
    return "https://127.0.0.1:" + port() + "/" + scaleUnit + PKI_SERVICE_PATH;
  }

  record IssuedToken(String scope, Instant expiresAt) {}

  interface Handler {
    void handle(HttpExchange exchange, String body) throws IOException;
  }

  private void handle(HttpExchange exchange, Throttle throttle, Handler handler) throws IOException {
    try {
      String body = Exchanges.body(exchange);
      java.util.Optional<Long> retryAfter = throttle.check(exchange.getRequestURI().getPath());
      if (retryAfter.isPresent()) {
        throttled(exchange, throttle == loginThrottle ? "" : body, retryAfter.get());
        return;
      }
      handler.handle(exchange, body);
    } catch (RuntimeException e) {
      Exchanges.send(exchange, 500, "application/json", Exchanges.error("DoubleFailure", String.valueOf(e)));
    }
  }

  /** 429 as Microsoft's gateways send it; journaled as "throttled" (a token request's form, secret and all, is not). */
  private void throttled(HttpExchange exchange, String body, long retryAfterSeconds) throws IOException {
    journal.add(new Journal.Call("throttled", exchange.getRequestURI().getPath(),
        Exchanges.header(exchange, "client-request-id"), Exchanges.header(exchange, "api-version"),
        Exchanges.header(exchange, "User-Agent"), body, 429, null, clock.instant()));
    exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
    Exchanges.send(exchange, 429, "application/json",
        Exchanges.error("TooManyRequests", "Too many requests. Retry after " + retryAfterSeconds + " seconds."));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
