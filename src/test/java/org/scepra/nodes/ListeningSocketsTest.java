package org.scepra.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading listening sockets from /proc: rows as a little-endian Linux prints them, then this JVM's own sockets. */
class ListeningSocketsTest {

  private static final String REST = " 00000000:00000000 00:00000000 00000000     0        0 4711 1"
      + " 0000000000000000 100 0 0 10 0";

  @ParameterizedTest(name = "{0} {1} {3} -> {4}")
  @CsvSource(delimiter = '|', textBlock = """
      tcp  | 0100007F:1F90                         | 00000000:0000                         | 0A | 127.0.0.1:8080
      tcp  | 00000000:1A0A                         | 00000000:0000                         | 0A | 0.0.0.0:6666
      tcp  | 0100007F:1F90                         | 0100007F:D431                         | 01 | none
      tcp  | 0100007F:1F90                         | 00000000:0000                         | 06 | none
      tcp6 | 0000000000000000FFFF00000100007F:36B0 | 00000000000000000000000000000000:0000 | 0A | 127.0.0.1:14000
      tcp6 | 00000000000000000000000001000000:0050 | 00000000000000000000000000000000:0000 | 0A | 0:0:0:0:0:0:0:1:80
      tcp6 | 00000000000000000000000000000000:1AF4 | 00000000000000000000000000000000:0000 | 0A | 0:0:0:0:0:0:0:0:6900
      tcp6 | 000080FE00000000FF005450005412FE:01BB | 00000000000000000000000000000000:0000 | 0A | fe80:0:0:0:5054:ff:fe12:5400:443
      udp  | 00000000:14E9                         | 00000000:0000                         | 07 | 0.0.0.0:5353
      udp  | 0100007F:0000                         | 00000000:0000                         | 07 | none
      udp  | 0F02000A:A1B2                         | 0100007F:0035                         | 01 | none
      """)
  void readsRowsThatAcceptTraffic(String protocol, String local, String remote, String state, String expected) {
    String row = "   3: " + local + " " + remote + " " + state + REST;
    Optional<ListeningSockets.Entry> entry = ListeningSockets.parse(protocol, row, ByteOrder.LITTLE_ENDIAN);
    assertEquals(expected, entry.map(e -> e.socket().address().getHostAddress() + ":" + e.socket().port())
        .orElse("none"));
    entry.ifPresent(e -> assertEquals("4711", e.inode()));
  }

  @Test
  void headerRowIsNoSocket() {
    String header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
    assertEquals(Optional.empty(), ListeningSockets.parse("tcp", header, ByteOrder.LITTLE_ENDIAN));
  }

  @Test
  void loopbackIsTellingApartFromEveryInterface() throws Exception {
    assertTrue(new ListeningSockets.Socket("tcp6", InetAddress.getByName("::1"), 1).onLoopback());
    assertTrue(new ListeningSockets.Socket("tcp", InetAddress.getByName("127.0.0.1"), 1).onLoopback());
    assertEquals(false, new ListeningSockets.Socket("tcp", InetAddress.getByName("0.0.0.0"), 1).onLoopback());
    assertEquals(false, new ListeningSockets.Socket("tcp6", InetAddress.getByName("::"), 1).onLoopback());
  }

  /**
   * The sockets this JVM opens are found among its own; the parent process (surefire's launcher) shares the network
   * namespace, so its /proc/PID/net/tcp lists them too, but they are not its own.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void findsThisProcesssOwnSocketsAndNoOtherProcesss() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (ServerSocket tcp = new ServerSocket(0, 1, loopback);
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
      List<ListeningSockets.Socket> own = ListeningSockets.of(ProcessHandle.current().pid());
      assertTrue(own.stream().anyMatch(s -> s.protocol().startsWith("tcp") && s.port() == tcp.getLocalPort()
          && s.onLoopback()), () -> "TCP " + tcp.getLocalPort() + " not in " + own);
      assertTrue(own.stream().anyMatch(s -> s.protocol().startsWith("udp") && s.port() == udp.getLocalPort()
          && s.onLoopback()), () -> "UDP " + udp.getLocalPort() + " not in " + own);
      long parent = ProcessHandle.current().parent().orElseThrow().pid();
      List<ListeningSockets.Socket> parents = ListeningSockets.of(parent);
      assertTrue(parents.stream().noneMatch(s -> s.port() == tcp.getLocalPort() || s.port() == udp.getLocalPort()),
          parents::toString);
    }
  }
}
