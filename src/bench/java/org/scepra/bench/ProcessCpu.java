package org.scepra.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** CPU time (user + system) of a server process, read from {@code /proc/<pid>/stat} (Linux). */
final class ProcessCpu {

  /** USER_HZ: the unit of utime and stime; 100 on every Linux this runs on (getconf CLK_TCK). */
  private static final long TICKS_PER_SECOND = Long.getLong("bench.clk-tck", 100);

  private ProcessCpu() {}

  static long millis(long pid) {
    try {
      return millis(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
    }
  }

  /**
   * CPU time per thread group: threads named alike ({@code default task-12}, {@code C2 CompilerThre})
   * summed, digits dropped from the name. Shows whether request threads, the JIT or the GC used it.
   */
  static Map<String, Long> byThreadName(long pid) {
    Map<String, Long> result = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
          result.merge(name, millis(stat), Long::sum);
        } catch (IOException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the threads of process " + pid, e);
    }
    return result;
  }

  private static long millis(String stat) {
    // the command name (field 2) is in parentheses and may contain spaces: count from after it
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
    return ticks * 1000 / TICKS_PER_SECOND;
  }
}
