package org.scepra.nodes;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.scepra.nodes.NodeScep.Device;
import org.scepra.testkit.Csrs;
import org.scepra.testkit.HostileMessages;
import org.scepra.testkit.ScepTestClient.Options;

/** One kind of hostile request (the exact answers are HostileInputIT's business); {@link #send} gives the HTTP status. */
record GarbageRequest(String name, Sender sender) {

  interface Sender {
    int send() throws IOException;
  }

  int send() throws IOException {
    return sender.send();
  }

  static List<GarbageRequest> catalogue(WildFlyNode node, Device thrower) {
    SecureRandom random = new SecureRandom();
    byte[] noise = new byte[4096];
    random.nextBytes(noise);
    byte[] valid = thrower.pkcsReq("garbage-tx", "garbage-thrower");
    byte[] noChallenge;
    byte[] forAnotherRa;
    try {
      byte[] csr = Csrs.csr(thrower.key(), "CN=garbage-thrower", null).getEncoded();
      noChallenge = thrower.message(csr, Options.defaults("garbage-no-challenge"));
      forAnotherRa = org.scepra.testkit.ScepTestClient.pkiMessage(csr, thrower.selfSigned(), thrower.key(),
          thrower.selfSigned(), Options.defaults("garbage-other-ra"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    byte[] nested = HostileMessages.nestedIndefinite(262_144);
    byte[] badSignature = HostileMessages.flipSignature(valid);
    byte[] tampered = HostileMessages.tamperContent(valid);
    byte[] trailing = HostileMessages.concat(valid, new byte[64]);
    String base64Junk = URLEncoder.encode("%%%not base64%%%" + new String(noise, 0, 64, StandardCharsets.ISO_8859_1),
        StandardCharsets.UTF_8);
    return List.of(
        post(node, "random bytes", noise),
        post(node, "1 MiB of nested indefinite-length SEQUENCEs", nested),
        post(node, "signature corrupted", badSignature),
        post(node, "content tampered after signing", tampered),
        post(node, "trailing garbage", trailing),
        post(node, "CSR without a challenge", noChallenge),
        post(node, "encrypted for another RA", forAnotherRa),
        get(node, "GET message that is not base64", "/scep?operation=PKIOperation&message=" + base64Junk),
        get(node, "unknown operation", "/scep?operation=GetEverything"),
        get(node, "unknown endpoint", "/scep/no-such-alias?operation=GetCACaps"));
  }

  private static GarbageRequest post(WildFlyNode node, String name, byte[] body) {
    return new GarbageRequest(name, () -> NodeScep.post(node.uri("/scep?operation=PKIOperation"),
        NodeScep.PKI_MESSAGE, body, Duration.ofSeconds(60)).status());
  }

  private static GarbageRequest get(WildFlyNode node, String name, String path) {
    return new GarbageRequest(name, () -> NodeScep.get(node.uri(path), Duration.ofSeconds(60)).status());
  }
}
