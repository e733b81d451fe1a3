package org.scepra.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The cost of an enrollment before the steady state: during a target's warm-up, once it has answered K requests (the
 * warm-up's and earlier windows' alike), a measured window of {@code n} requests at concurrency {@code c}. Settings
 * {@code bench.checkpoints} (e.g. {@code 2000,5000,20000}; empty: none), {@code bench.checkpoint-c} (8) and
 * {@code bench.checkpoint-n} (1000).
 */
record WarmUpCheckpoints(List<Integer> after, int c, int n) {

  static WarmUpCheckpoints fromProperties() {
    String list = System.getProperty("bench.checkpoints", "").trim();
    List<Integer> after = list.isEmpty() ? List.of()
        : Arrays.stream(list.split("[, ]+")).map(Integer::parseInt).sorted().toList();
    return new WarmUpCheckpoints(after, Integer.getInteger("bench.checkpoint-c", 8),
        Integer.getInteger("bench.checkpoint-n", 1000));
  }

  /**
   * Where in a warm-up of {@code warmUp} requests each window goes: checkpoint K after {@code K - n * i} warm-up
   * requests, i being the number of windows before it, so that the server has answered K requests when it starts.
   * Checkpoints beyond the warm-up's end (windows included) are left out.
   */
  List<Integer> positions(int warmUp) {
    List<Integer> positions = new ArrayList<>();
    for (int k : after) {
      int position = k - n * positions.size();
      if (position > warmUp || (!positions.isEmpty() && position < positions.get(positions.size() - 1))) {
        continue;
      }
      positions.add(position);
    }
    return positions;
  }

  /** The requests answered before the window at {@code position}. */
  int answeredBefore(int position) {
    return position + n * positions(Integer.MAX_VALUE).indexOf(position);
  }

  Outcomes measure(Target target, Set<BigInteger> serials, Supplier<List<Messages.Request>> window)
      throws InterruptedException {
    List<Messages.Request> requests = window.get();
    Thread.sleep(500); // as before a timed run: let the client's garbage collection settle
    return Outcomes.of(LoadRun.run(target, requests, c), requests, serials);
  }
}
