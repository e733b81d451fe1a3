package org.scepra.ra.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.transaction.ClaimRepository;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.ra.transaction.TransactionRecord;
import org.scepra.ra.transaction.TransactionRepository;
import org.scepra.ra.transaction.TransactionStatus;
import org.scepra.testkit.MapConfig;

/** A claim left IN_PROGRESS by a server that died is settled by the next retransmission or poll, once. */
class AbandonedClaimsTest {
  static final Duration TIMEOUT = Duration.ofSeconds(120);
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** Transactions with the JPA repositories' semantics that matter here: conditional updates, an update time. */
  static final class InMemoryTransactions implements TransactionRepository, ClaimRepository {
    final Map<String, TransactionRecord> rows = new ConcurrentHashMap<>();
    final Map<String, Instant> touched = new ConcurrentHashMap<>();
    Instant now = T0;

    void claim(String tx, Instant at, String decidedBy) {
      rows.put(tx, new TransactionRecord("default", tx, new byte[] {1}, "fp", "key", "CN=d", "general-purpose",
          TransactionStatus.IN_PROGRESS, null, null, null, null, null, at, decidedBy));
      touched.put(tx, at);
    }

    @Override
    public synchronized boolean reclaim(String alias, String transactionId, Instant untouchedSince) {
      TransactionRecord r = rows.get(transactionId);
      if (r == null || r.status() != TransactionStatus.IN_PROGRESS || !touched.get(transactionId).isBefore(untouchedSince)) {
        return false;
      }
      touched.put(transactionId, now);
      return true;
    }

    @Override
    public Optional<TransactionRecord> find(String alias, String transactionId) {
      return Optional.ofNullable(rows.get(transactionId));
    }

    @Override
    public boolean create(TransactionRecord record) {
      throw new UnsupportedOperationException();
    }

    @Override
    public synchronized boolean transition(String alias, String transactionId, TransactionStatus expected,
        TransactionStatus next, String decidedBy, String failInfo, String failText) {
      TransactionRecord r = rows.get(transactionId);
      if (r == null || r.status() != expected) {
        return false;
      }
      rows.put(transactionId, r.withStatus(next));
      touched.put(transactionId, now);
      return true;
    }

    @Override
    public void supersede(String alias, String transactionId, String serialHex) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void release(String alias, String transactionId) {
      rows.computeIfPresent(transactionId, (k, r) -> r.status() == TransactionStatus.IN_PROGRESS ? null : r);
    }

    @Override
    public void markPending(String alias, String transactionId, String backendReference) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void markRejected(String alias, String transactionId, String failInfo, String failText) {
      throw new UnsupportedOperationException();
    }

    @Override
    public synchronized boolean markIssued(String alias, String transactionId, IssuedCertificate certificate) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean markWithheld(String alias, String transactionId, IssuedCertificate certificate, String failInfo,
        String failText) {
      throw new UnsupportedOperationException();
    }

    synchronized void issued(String transactionId) {
      TransactionRecord r = rows.get(transactionId);
      if (r.status() == TransactionStatus.IN_PROGRESS) {
        rows.put(transactionId, r.withStatus(TransactionStatus.ISSUED));
      }
    }

    @Override
    public long countByStatus(TransactionStatus status) {
      return rows.values().stream().filter(r -> r.status() == status).count();
    }

    @Override
    public List<TransactionRecord> findByStatus(TransactionStatus status, int limit) {
      return rows.values().stream().filter(r -> r.status() == status).limit(limit).toList();
    }

    @Override
    public List<TransactionRecord> latest(int limit) {
      return rows.values().stream()
          .sorted(java.util.Comparator.comparing(TransactionRecord::receivedAt).reversed()).limit(limit).toList();
    }
  }

  /** The backend call: issues (or, when the CA is down, puts the claim back as the real Issuance does). */
  static final class CountingIssuance extends Issuance {
    final InMemoryTransactions transactions;
    final AtomicInteger calls = new AtomicInteger();
    final List<TransactionStatus> retryStatuses = new ArrayList<>();
    volatile boolean caDown;
    volatile long millis;

    CountingIssuance(InMemoryTransactions transactions) {
      this.transactions = transactions;
    }

    @Override
    public TransactionRecord issue(Endpoint endpoint, TransactionRecord record, TransactionStatus retryStatus) {
      calls.incrementAndGet();
      synchronized (retryStatuses) {
        retryStatuses.add(retryStatus);
      }
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (caDown) {
        transactions.transition(record.alias(), record.transactionId(), TransactionStatus.IN_PROGRESS, retryStatus,
            record.decidedBy(), null, null);
        return record.rejected("BAD_REQUEST", "the CA is unavailable, try again later");
      }
      transactions.issued(record.transactionId());
      return transactions.find(record.alias(), record.transactionId()).orElseThrow();
    }
  }

  final InMemoryTransactions transactions = new InMemoryTransactions();
  final CountingIssuance issuance = new CountingIssuance(transactions);

  AbandonedClaims at(Instant now) {
    transactions.now = now;
    return new AbandonedClaims(transactions, transactions, issuance, TIMEOUT, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aClaimSomeoneIsWorkingOnIsLeftAlone() {
    transactions.claim("tx", T0, null);
    TransactionRecord record = transactions.find("default", "tx").orElseThrow();
    assertSame(record, at(T0.plus(TIMEOUT).minusSeconds(1)).resumeIfAbandoned(null, record));
    assertEquals(0, issuance.calls.get(), "a fresh claim belongs to the request that made it");
  }

  @Test
  void anAbandonedClaimIsIssuedAndThenReplayed() {
    transactions.claim("tx", T0, null);
    AbandonedClaims claims = at(T0.plus(TIMEOUT).plusSeconds(1));
    TransactionRecord resumed = claims.resumeIfAbandoned(null, transactions.find("default", "tx").orElseThrow());
    assertEquals(TransactionStatus.ISSUED, resumed.status());
    assertEquals(List.of(TransactionStatus.IN_PROGRESS), issuance.retryStatuses, "a CA outage keeps the claim");
    assertEquals(TransactionStatus.ISSUED, claims.resumeIfAbandoned(null, resumed).status());
    assertEquals(1, issuance.calls.get());
  }

  @Test
  void racingRetransmissionsTakeOverOnceAndTheOthersAnswerPending() throws Exception {
    transactions.claim("tx", T0, null);
    AbandonedClaims claims = at(T0.plus(TIMEOUT).plusSeconds(1));
    issuance.millis = 200; // the winner is still asking the CA while the others arrive
    TransactionRecord stale = transactions.find("default", "tx").orElseThrow();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<TransactionRecord>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return claims.resumeIfAbandoned(null, stale);
        }));
      }
      start.countDown();
      int issued = 0;
      for (Future<TransactionRecord> answer : answers) {
        TransactionStatus status = answer.get().status();
        issued += status == TransactionStatus.ISSUED ? 1 : 0;
        assertEquals(true, status == TransactionStatus.ISSUED || status == TransactionStatus.IN_PROGRESS, status::name);
      }
      assertEquals(1, issuance.calls.get(), "the backend was asked once");
      assertEquals(1, issued);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void whileTheCaIsDownTheClaimWaitsAnotherTimeoutThenIsRetried() {
    transactions.claim("tx", T0, null);
    issuance.caDown = true;
    Instant first = T0.plus(TIMEOUT).plusSeconds(1);
    TransactionRecord answer = at(first).resumeIfAbandoned(null, transactions.find("default", "tx").orElseThrow());
    assertEquals(TransactionStatus.IN_PROGRESS, answer.status(), "recorded as still in progress: the client hears PENDING");
    at(first.plusSeconds(10)).resumeIfAbandoned(null, answer);
    assertEquals(1, issuance.calls.get(), "the failed attempt touched the claim");

    issuance.caDown = false;
    TransactionRecord later = at(first.plus(TIMEOUT).plusSeconds(1)).resumeIfAbandoned(null, answer);
    assertEquals(TransactionStatus.ISSUED, later.status());
    assertEquals(2, issuance.calls.get());
  }

  @Test
  void anApprovedRequestWhoseIssuanceDiedGoesBackToTheOperatorIfTheCaIsDown() {
    transactions.claim("tx", T0, "alice");
    issuance.caDown = true;
    TransactionRecord answer = at(T0.plus(TIMEOUT).plusSeconds(1))
        .resumeIfAbandoned(null, transactions.find("default", "tx").orElseThrow());
    assertEquals(TransactionStatus.AWAITING_APPROVAL, answer.status());
  }

  @Test
  void settledTransactionsAreNeverTouched() {
    transactions.claim("tx", T0, null);
    transactions.issued("tx");
    TransactionRecord record = transactions.find("default", "tx").orElseThrow();
    assertSame(record, at(T0.plus(Duration.ofDays(1))).resumeIfAbandoned(null, record));
    assertEquals(0, issuance.calls.get());
  }

  @Test
  void theTimeoutIsConfiguredAndMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new AbandonedClaims(transactions, transactions, issuance,
        new MapConfig(Map.of(AbandonedClaims.TIMEOUT_KEY, "0"))));
  }
}
