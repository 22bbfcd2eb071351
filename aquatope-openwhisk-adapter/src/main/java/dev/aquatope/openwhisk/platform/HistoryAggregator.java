package dev.aquatope.openwhisk.platform;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.spi.FunctionHistory;
import dev.aquatope.core.spi.WindowStats;
import dev.aquatope.core.util.Checks;
import dev.aquatope.openwhisk.api.ActionLimits;
import dev.aquatope.openwhisk.api.Activation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns activation rows of one function into per-window statistics.
 *
 * <ul>
 *   <li>invocations and cold/prewarm/warm starts: rows whose {@code start} is in the window,
 *       classified with {@link StartKind};
 *   <li>busy containers: a sweep over every row's {@code [start, end)} (rows that started before
 *       the window count while they run); with intra-container concurrency {@code c} from the
 *       row's {@code limits} annotation a row occupies {@code 1/c} container, and counts are
 *       rounded up;
 *   <li>container-seconds and MB-seconds: <em>busy</em> time only; OpenWhisk does not expose idle
 *       warm containers through its REST API, so idle time is not included.
 * </ul>
 * Rows that have not finished are treated as running until {@code now}.
 */
public final class HistoryAggregator {
  private final Duration window;
  private final Duration coldWaitThreshold;

  /**
   * Creates an aggregator.
   *
   * @param window window length, {@code > 0}
   * @param coldWaitThreshold see {@link StartKind#of}
   */
  public HistoryAggregator(Duration window, Duration coldWaitThreshold) {
    Checks.notNull("window", window);
    if (window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("window must be > 0, was " + window);
    }
    this.window = window;
    this.coldWaitThreshold = Checks.notNull("coldWaitThreshold", coldWaitThreshold);
  }

  private record Event(long time, double weight, double memoryMb) {}

  /**
   * Aggregates rows into windows {@code [from + i*window, from + (i+1)*window)} covering
   * {@code [from, to)}.
   *
   * @param function the function
   * @param from start of the first window
   * @param to end of the last window (exclusive; a partial last window is kept)
   * @param rows activation rows of the function (any order, may start before {@code from})
   * @param now the current time (end of unfinished rows)
   * @return the history
   */
  public FunctionHistory aggregate(FunctionId function, Instant from, Instant to, List<Activation> rows, Instant now) {
    Checks.notNull("function", function);
    Checks.notNull("rows", rows);
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from, was from=" + from + " to=" + to);
    }
    long w = window.toMillis();
    long f = from.toEpochMilli();
    long t = to.toEpochMilli();
    int n = (int) ((t - f + w - 1) / w);
    long[] inv = new long[n];
    long[] cold = new long[n];
    long[] pre = new long[n];
    long[] warm = new long[n];
    double[] busySeconds = new double[n];
    double[] mbSeconds = new double[n];
    List<Event> events = new ArrayList<>();
    for (Activation a : rows) {
      long s = a.start();
      long e = a.isFinished() ? a.end() : Math.max(s, now.toEpochMilli());
      if (s >= f && s < t) {
        int i = (int) ((s - f) / w);
        inv[i]++;
        switch (StartKind.of(a, coldWaitThreshold)) {
          case COLD -> cold[i]++;
          case PREWARM -> pre[i]++;
          default -> warm[i]++;
        }
      }
      if (e <= s || e <= f || s >= t) {
        continue;
      }
      ActionLimits lim = a.limits().orElse(null);
      int concurrency = lim != null && lim.concurrency() != null ? lim.concurrency() : 1;
      double weight = 1.0 / concurrency;
      double memory = lim != null && lim.memory() != null ? lim.memory() : 0;
      events.add(new Event(s, weight, memory));
      events.add(new Event(e, -weight, memory));
      for (int i = (int) (Math.max(0, s - f) / w); i < n; i++) {
        long ws = f + i * w;
        long we = Math.min(t, ws + w);
        if (ws >= e) {
          break;
        }
        double overlap = (Math.min(e, we) - Math.max(s, ws)) / 1000.0;
        if (overlap > 0) {
          busySeconds[i] += overlap * weight;
          mbSeconds[i] += overlap * weight * memory;
        }
      }
    }
    // ends sort before starts at the same instant: intervals are [start, end)
    events.sort(Comparator.comparingLong(Event::time).thenComparingDouble(Event::weight));
    int[] peak = new int[n];
    double active = 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
      long ws = f + i * w;
      long we = Math.min(t, ws + w);
      while (k < events.size() && events.get(k).time() <= ws) {
        active += events.get(k++).weight();
      }
      double max = active;
      while (k < events.size() && events.get(k).time() < we) {
        long time = events.get(k).time();
        while (k < events.size() && events.get(k).time() == time) {
          active += events.get(k++).weight();
        }
        max = Math.max(max, active);
      }
      peak[i] = (int) Math.ceil(max - 1e-9);
    }
    List<WindowStats> windows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      windows.add(new WindowStats(inv[i], cold[i], pre[i], warm[i], Math.max(0, peak[i]),
          busySeconds[i], mbSeconds[i]));
    }
    return new FunctionHistory(function, from, window, windows);
  }
}
