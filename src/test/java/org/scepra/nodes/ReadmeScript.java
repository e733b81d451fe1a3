package org.scepra.nodes;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sh block of a README section, run as written: a test replaces only the values the block itself marks as the
 * administrator's choice (its leading {@code NAME=value} lines) and names any other change explicitly, and each
 * change must match the README exactly once, so that a README edit cannot silently leave the test behind.
 */
record ReadmeScript(List<String> lines) {

  /** The first ```sh block after the line {@code heading} of {@code readme}. */
  static ReadmeScript section(Path readme, String heading) {
    List<String> all;
    try {
      all = Files.readAllLines(readme);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int at = all.indexOf(heading);
    if (at < 0) {
      throw new AssertionError(readme + ": no heading '" + heading + "'");
    }
    int start = all.subList(at, all.size()).indexOf("```sh") + at + 1;
    int end = all.subList(start, all.size()).indexOf("```") + start;
    if (start <= at || end < start) {
      throw new AssertionError(readme + ": no ```sh block under '" + heading + "'");
    }
    return new ReadmeScript(List.copyOf(all.subList(start, end)));
  }

  /** The block with each {@code NAME=value  # comment} line's value replaced (shell-quoted). */
  ReadmeScript withValues(Map<String, String> values) {
    List<String> changed = new ArrayList<>(lines);
    values.forEach((name, value) -> {
      int line = onlyLine(l -> l.startsWith(name + "="), name + "=");
      changed.set(line, name + "='" + value.replace("'", "'\\''") + "'");
    });
    return new ReadmeScript(List.copyOf(changed));
  }

  /** The block with {@code text}, which must occur on exactly one line, replaced. */
  ReadmeScript replacing(String text, String replacement) {
    List<String> changed = new ArrayList<>(lines);
    int line = onlyLine(l -> l.contains(text), text);
    changed.set(line, changed.get(line).replace(text, replacement));
    return new ReadmeScript(List.copyOf(changed));
  }

  /** The lines up to and including the one line containing {@code text}. */
  ReadmeScript through(String text) {
    return new ReadmeScript(List.copyOf(lines.subList(0, onlyLine(l -> l.contains(text), text) + 1)));
  }

  /** The lines setting values, then those after the one line containing {@code text}. */
  ReadmeScript after(String text) {
    List<String> rest = new ArrayList<>(lines.subList(0, firstCommand()));
    rest.addAll(lines.subList(onlyLine(l -> l.contains(text), text) + 1, lines.size()));
    return new ReadmeScript(List.copyOf(rest));
  }

  /** Runs the lines with bash (stopping at the first failing command) in {@code dir}; output into {@code log}. */
  void run(Path dir, Map<String, String> env, Path log, Duration timeout) {
    try {
      Path script = Files.writeString(log.resolveSibling(log.getFileName() + ".sh"), String.join("\n", lines) + "\n");
      ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-x", "-o", "pipefail", script.toString())
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(env);
      Process bash = pb.start();
      if (!bash.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        bash.descendants().forEach(ProcessHandle::destroy); // asadmin commands, not the server it started
        bash.destroyForcibly();
        throw new AssertionError("README commands still running after " + timeout + ":\n" + Files.readString(log));
      }
      if (bash.exitValue() != 0) {
        throw new AssertionError("README commands failed (exit " + bash.exitValue() + "):\n" + Files.readString(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The index of the first line that is neither blank, a comment, a value nor an export. */
  private int firstCommand() {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isBlank() && !line.startsWith("#") && !line.matches("[A-Z_]+=.*") && !line.startsWith("export ")) {
        return i;
      }
    }
    return lines.size();
  }

  private int onlyLine(java.util.function.Predicate<String> matches, String what) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (matches.test(lines.get(i))) {
        found.add(i);
      }
    }
    if (found.size() != 1) {
      throw new AssertionError("the README's block has " + found.size() + " lines with '" + what
          + "' (the test expects one):\n" + String.join("\n", lines));
    }
    return found.get(0);
  }
}
