package org.scepra.backend.filedrop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  /**
   * A watcher listing and reading the folder while files are written over and over never sees a
   * partial file under a final name, and every other name it sees is a dot-file.
   */
  @Test
  void aFileAppearsUnderItsFinalNameOnlyComplete() throws Exception {
    byte[][] versions = new byte[4][];
    for (int i = 0; i < versions.length; i++) {
      versions[i] = new byte[256 * 1024];
      Arrays.fill(versions[i], (byte) ('a' + i));
    }
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<String> torn = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    Thread watcher =
        new Thread(
            () -> {
              while (!done.get()) {
                try (Stream<Path> files = Files.list(dir)) {
                  for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    seen.add(name);
                    if (name.equals("r.json")) {
                      byte[] content = Files.readAllBytes(file);
                      if (Arrays.stream(versions).noneMatch(v -> Arrays.equals(v, content))) {
                        torn.add("torn content of " + content.length + " bytes");
                      }
                    }
                  }
                } catch (IOException e) {
                  // a temporary file renamed away between listing and reading
                }
              }
            });
    watcher.start();
    for (int round = 0; round < 40; round++) {
      AtomicFiles.write(dir, "r.json", versions[round % versions.length]);
    }
    done.set(true);
    watcher.join();

    assertEquals(List.of(), torn);
    for (String name : seen) {
      assertTrue(
          name.equals("r.json") || (name.startsWith(".r.json.") && name.endsWith(".tmp")), name);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of(dir.resolve("r.json")), files.toList(), "no temporary file is left behind");
    }
    assertArrayEquals(versions[39 % versions.length], Files.readAllBytes(dir.resolve("r.json")));
  }

  @Test
  void aFailedWriteLeavesNothingBehind() throws IOException {
    Files.createDirectories(dir.resolve("x.csr").resolve("occupied"));
    assertThrows(IOException.class, () -> AtomicFiles.write(dir, "x.csr", new byte[] {1, 2, 3}));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("x.csr")), files.toList());
    }
  }

  @Test
  void aMoveNeverReplacesAndToleratesASourceAlreadyGone() throws IOException {
    Path from = Files.createDirectories(dir.resolve("from"));
    Path to = Files.createDirectories(dir.resolve("to"));
    Files.writeString(to.resolve("a.crt"), "first");
    Files.writeString(from.resolve("a.crt"), "second");

    assertEquals(
        Optional.of(to.resolve("a.crt.1")), AtomicFiles.moveInto(from.resolve("a.crt"), to));
    assertEquals("first", Files.readString(to.resolve("a.crt")));
    assertEquals("second", Files.readString(to.resolve("a.crt.1")));
    assertEquals(
        Optional.empty(), AtomicFiles.moveInto(from.resolve("a.crt"), to), "moved by another node");
    assertThrows(
        NoSuchFileException.class,
        () ->
            AtomicFiles.moveInto(
                Files.writeString(from.resolve("b.crt"), "x"), dir.resolve("missing")));
  }
}
