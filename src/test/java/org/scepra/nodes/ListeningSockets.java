package org.scepra.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The sockets a server process accepts traffic on, read from Linux's /proc: its TCP sockets in state LISTEN and its
 * unconnected UDP sockets bound to a port. /proc/PID/net/* lists every socket of the process's network namespace;
 * the inodes behind /proc/PID/fd pick out the process's own.
 */
final class ListeningSockets {

  private static final String TCP_LISTEN = "0A";
  private static final String UDP_UNCONNECTED = "07";

  /** One socket: protocol (tcp, tcp6, udp, udp6), local address and port. */
  record Socket(String protocol, InetAddress address, int port) {
    boolean onLoopback() {
      return address.isLoopbackAddress();
    }

    @Override
    public String toString() {
      return protocol + " " + address.getHostAddress() + ":" + port;
    }
  }

  private ListeningSockets() {}

  static List<Socket> of(long pid) {
    Path proc = Path.of("/proc", String.valueOf(pid));
    Set<String> inodes = socketInodes(proc.resolve("fd"));
    List<Socket> sockets = new ArrayList<>();
    for (String protocol : List.of("tcp", "tcp6", "udp", "udp6")) {
      Path table = proc.resolve("net").resolve(protocol);
      if (!Files.exists(table)) {
        continue; // no IPv6 in this kernel
      }
      try {
        for (String line : Files.readAllLines(table)) {
          parse(protocol, line, ByteOrder.nativeOrder())
              .filter(entry -> inodes.contains(entry.inode()))
              .ifPresent(entry -> sockets.add(entry.socket()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + table, e);
      }
    }
    return sockets;
  }

  /** A row of a /proc/net table that accepts traffic, with its inode; empty for the header and other states. */
  record Entry(Socket socket, String inode) {}

  /**
   * One row: "sl local_address rem_address st ... uid timeout inode". The kernel prints each 32-bit word of an
   * address as a hex number in the host's byte order, the port as a plain hex number.
   */
  static Optional<Entry> parse(String protocol, String line, ByteOrder hostOrder) {
    String[] fields = line.trim().split("\\s+");
    if (fields.length < 10 || !fields[0].endsWith(":")) {
      return Optional.empty();
    }
    String state = fields[3];
    String[] local = fields[1].split(":");
    int port = Integer.parseInt(local[1], 16);
    boolean accepts = protocol.startsWith("tcp") ? state.equals(TCP_LISTEN)
        : state.equals(UDP_UNCONNECTED) && port != 0;
    if (!accepts) {
      return Optional.empty();
    }
    return Optional.of(new Entry(new Socket(protocol, address(local[0], hostOrder), port), fields[9]));
  }

  private static InetAddress address(String hex, ByteOrder hostOrder) {
    ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(hostOrder);
    for (int i = 0; i < hex.length(); i += 8) {
      bytes.putInt((int) Long.parseLong(hex.substring(i, i + 8), 16));
    }
    try {
      return InetAddress.getByAddress(bytes.array()); // an IPv4-mapped IPv6 address comes back as IPv4
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + hex, e);
    }
  }

  private static Set<String> socketInodes(Path fdDir) {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(fdDir)) {
      fds.forEach(fd -> {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor was closed while we listed them
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + fdDir + " (is the process running, and ours?)", e);
    }
    return inodes;
  }
}
