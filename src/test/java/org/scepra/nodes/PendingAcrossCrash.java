package org.scepra.nodes;

import java.io.IOException;
import java.net.MalformedURLException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.scepra.it.AdminClient;
import org.scepra.nodes.NodeScep.Device;
import org.scepra.testkit.CertRepReader.CertRep;

/**
 * Requests a client was told PENDING before the server was killed, on an {@code approval=manual}
 * endpoint; half of them approved by the operator (and fetched by the device) before the kill. After
 * the restart the approved ones still poll to the same certificate, and the others still poll
 * PENDING until the operator approves them then.
 */
final class PendingAcrossCrash {
  static final String ALIAS = "manual";
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private record Request(Device device, String transactionId, String cn, X509Certificate issuedBeforeKill) {}

  private final WildFlyNode node;
  private final List<Request> requests = new ArrayList<>();

  PendingAcrossCrash(WildFlyNode node) {
    this.node = node;
  }

  /** Before the kill: {@code keys.size()} requests told PENDING, every other one approved and fetched. */
  void before(List<KeyPair> keys) throws IOException {
    for (int i = 0; i < keys.size(); i++) {
      String cn = "manual-" + i;
      Device device = Device.create(node, "/scep/" + ALIAS, keys.get(i), cn);
      String tx = "tx-" + cn + "-" + System.nanoTime();
      CertRep told = device.send(device.pkcsReq(tx, cn), TIMEOUT);
      expect("3", told, tx + " before the kill");
      X509Certificate issued = null;
      if (i % 2 == 0) {
        approve(tx);
        CertRep polled = device.send(device.certPoll(tx, cn), TIMEOUT);
        expect("0", polled, tx + " approved before the kill");
        issued = device.issued(polled);
      }
      requests.add(new Request(device, tx, cn, issued));
    }
  }

  /** After the restart; the problems found (none when all is well). */
  List<String> afterRestart() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Request r : requests) {
      CertRep polled = r.device().send(r.device().certPoll(r.transactionId(), r.cn()), TIMEOUT);
      if (r.issuedBeforeKill() != null) {
        if (!"0".equals(polled.pkiStatus()) || !r.device().issued(polled).equals(r.issuedBeforeKill())) {
          problems.add(r.transactionId() + ": approved and fetched before the kill, now " + polled.pkiStatus()
              + " " + polled.failInfoText());
        }
        continue;
      }
      if (!"3".equals(polled.pkiStatus())) {
        problems.add(r.transactionId() + ": PENDING before the kill, now " + polled.pkiStatus() + " "
            + polled.failInfoText());
        continue;
      }
      approve(r.transactionId());
      CertRep approved = r.device().send(r.device().certPoll(r.transactionId(), r.cn()), TIMEOUT);
      if (!"0".equals(approved.pkiStatus())) {
        problems.add(r.transactionId() + ": approved after the restart, polled " + approved.pkiStatus());
        continue;
      }
      X509Certificate issued = r.device().issued(approved);
      CertRep fetched = r.device().send(r.device().getCert(issued, "getcert-" + r.transactionId()), TIMEOUT);
      if (!"0".equals(fetched.pkiStatus()) || !fetched.certificates().contains(issued)) {
        problems.add(r.transactionId() + ": GetCert after approval " + fetched.pkiStatus());
      }
    }
    return problems;
  }

  int size() {
    return requests.size();
  }

  private void approve(String tx) {
    AdminClient.Reply reply;
    try {
      reply = AdminClient.operator(node.baseUri().toURL()).post("pending/" + ALIAS + "/" + tx + "/approve", "");
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    if (reply.status() != 200) {
      throw new AssertionError("approving " + tx + ": HTTP " + reply.status() + " " + reply.body());
    }
  }

  private static void expect(String pkiStatus, CertRep rep, String what) {
    if (!pkiStatus.equals(rep.pkiStatus())) {
      throw new AssertionError(what + ": pkiStatus " + rep.pkiStatus() + " " + rep.failInfoText());
    }
  }
}
