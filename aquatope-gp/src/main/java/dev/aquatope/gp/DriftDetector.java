package dev.aquatope.gp;

import dev.aquatope.core.util.Checks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The drift rule of {@link GpBatchOptimizer} over its stream of observations: it remembers which
 * of the last {@link DriftOptions#lookback()} observations were surprises (judged by the
 * optimizer against its models), declares drift when at least {@link DriftOptions#surprises()}
 * were, and locates the change point.
 *
 * <p>The window always covers the most recent observations without gaps: the optimizer records
 * a judgement for every observation while detection is active and {@link #clear() clears} the
 * window whenever it is not (no model yet, too few observations, right after drift). Entry
 * {@code k} of a window of size {@code m} is therefore observation {@code n - m + k} of the
 * {@code n} observations so far, which is how {@link #surprisingObservations} and
 * {@link #changePoint} name observations.
 *
 * <p>Not thread-safe (like its optimizer).
 */
final class DriftDetector {
  private final DriftOptions options;
  private final Deque<Boolean> window = new ArrayDeque<>();

  /**
   * A detector with an empty window.
   *
   * @param options the rule's settings
   */
  DriftDetector(DriftOptions options) {
    this.options = Checks.notNull("options", options);
  }

  /**
   * Records the judgement of the newest observation.
   *
   * @param surprise whether it was a surprise
   * @return whether the window now holds enough surprises to declare drift
   */
  boolean record(boolean surprise) {
    window.addLast(surprise);
    while (window.size() > options.lookback()) {
      window.removeFirst();
    }
    return surprises() >= options.surprises();
  }

  /** Forgets the window (detection inactive, or drift handled). */
  void clear() {
    window.clear();
  }

  /**
   * How many observations of the window are surprises.
   *
   * @return the count
   */
  int surprises() {
    int k = 0;
    for (boolean b : window) {
      if (b) {
        k++;
      }
    }
    return k;
  }

  /**
   * The number of observations in the window.
   *
   * @return the size, at most {@link DriftOptions#lookback()}
   */
  int size() {
    return window.size();
  }

  /**
   * The indices of the window's surprises; the optimizer leaves them out of the models that judge
   * the next observations, so that a real change cannot hide by adapting the reference model
   * before it is declared.
   *
   * @param observationCount how many observations were recorded so far ({@code n})
   * @return the indices in {@code [n - size, n)} that were surprises (a new, mutable set)
   * @throws IllegalArgumentException if {@code observationCount} is smaller than the window
   */
  Set<Integer> surprisingObservations(int observationCount) {
    int base = base(observationCount);
    Set<Integer> out = new HashSet<>();
    int k = 0;
    for (boolean b : window) {
      if (b) {
        out.add(base + k);
      }
      k++;
    }
    return out;
  }

  /**
   * The change point: the index of the window's first surprise (observations from there on
   * describe the changed behaviour), or {@code observationCount} when the window has none.
   *
   * @param observationCount how many observations were recorded so far ({@code n})
   * @return the index in {@code [n - size, n]}
   * @throws IllegalArgumentException if {@code observationCount} is smaller than the window
   */
  int changePoint(int observationCount) {
    int base = base(observationCount);
    int k = 0;
    for (boolean b : window) {
      if (b) {
        return base + k;
      }
      k++;
    }
    return observationCount;
  }

  /**
   * The latest possible change point: the index of the first surprise of the window's trailing
   * run of surprises, or {@code observationCount} when the window ends without one. Observations
   * from there on certainly describe the changed behaviour; those between {@link #changePoint}
   * and here may be measurements of the old behaviour that the models happened to mispredict.
   *
   * @param observationCount how many observations were recorded so far ({@code n})
   * @return the index in {@code [changePoint(n), n]}
   * @throws IllegalArgumentException if {@code observationCount} is smaller than the window
   */
  int latestChangePoint(int observationCount) {
    int base = base(observationCount);
    List<Boolean> w = new ArrayList<>(window);
    int k = w.size();
    while (k > 0 && w.get(k - 1)) {
      k--;
    }
    return k == w.size() ? observationCount : base + k;
  }

  private int base(int observationCount) {
    if (observationCount < window.size()) {
      throw new IllegalArgumentException("observationCount must be >= the window size " + window.size() + ", was "
          + observationCount);
    }
    return observationCount - window.size();
  }

  /**
   * The window, oldest first (for the optimizer's saved state).
   *
   * @return a copy
   */
  List<Boolean> window() {
    return new ArrayList<>(window);
  }

  /**
   * Replaces the window with a saved one.
   *
   * @param saved the window, oldest first
   * @throws IllegalArgumentException if null, with a null entry, or longer than the lookback
   */
  void restore(List<Boolean> saved) {
    Checks.notNull("saved", saved);
    if (saved.size() > options.lookback()) {
      throw new IllegalArgumentException("saved drift window must have at most " + options.lookback()
          + " entries, had " + saved.size());
    }
    for (Boolean b : saved) {
      Checks.notNull("saved drift window entry", b);
    }
    window.clear();
    window.addAll(saved);
  }
}
