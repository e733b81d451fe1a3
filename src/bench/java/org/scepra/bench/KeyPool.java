package org.scepra.bench;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.scepra.testkit.TestPki;

/**
 * The requesters' RSA-2048 key pairs. Generating a key costs 50-200 ms, so the pool is made once
 * (on all cores) and kept in a file for later runs. Runs take keys round robin, continuing where the
 * previous run stopped, so within a run every request has its own key as long as the pool is at
 * least N: a server may cache per key (BouncyCastle caches the RSA moduli it has validated), and
 * real devices each bring a new key.
 */
public final class KeyPool {

  private final List<KeyPair> keys;
  private int next;

  private KeyPool(List<KeyPair> keys) {
    this.keys = keys;
  }

  /** Makes (or tops up) the pool ahead of a run: arguments are the file and the number of keys. */
  public static void main(String[] args) throws IOException {
    load(Path.of(args[0]), Integer.parseInt(args[1]));
  }

  KeyPair get(int i) {
    return keys.get(i % keys.size());
  }

  /** Reserves {@code n} keys; returns the index of the first, for {@link #get}. */
  synchronized int take(int n) {
    int first = next;
    next = (next + n) % keys.size();
    return first;
  }

  @SuppressWarnings("unchecked")
  static KeyPool load(Path file, int size) throws IOException {
    List<KeyPair> keys = new ArrayList<>();
    if (Files.exists(file)) {
      try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
        keys.addAll((List<KeyPair>) in.readObject());
      } catch (ClassNotFoundException | IOException e) {
        keys.clear(); // unreadable: make it again
      }
    }
    if (keys.size() < size) {
      int missing = size - keys.size();
      System.out.printf("generating %d RSA-2048 key pairs (kept in %s)%n", missing, file);
      keys.addAll(IntStream.range(0, missing).parallel().mapToObj(i -> TestPki.rsa(2048)).toList());
      Files.createDirectories(file.getParent());
      try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
        out.writeObject(new ArrayList<>(keys));
      }
    }
    return new KeyPool(List.copyOf(keys.subList(0, size)));
  }
}
