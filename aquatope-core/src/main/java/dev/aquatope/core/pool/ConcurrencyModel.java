package dev.aquatope.core.pool;

import dev.aquatope.core.model.Edge;
import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.util.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many containers each stage of a workflow needs in a window, given the number of workflow
 * invocations (the entry stage's invocations) in that window: the empirical distribution of the
 * stage's peak busy containers among past windows with a similar invocation count.
 *
 * <p>Used by {@link PoolSizing#WORKFLOW_CONCURRENCY}: the pool forecasts only the entry stage's
 * invocations, and every stage's target is a {@link PrewarmPolicy} applied to the distribution of
 * its containers, mixed over the forecast's uncertainty ({@link #containers(String, Forecast)}).
 * The peak number of busy containers grows much more slowly than the invocation count (30
 * invocations of a 1-second stage spread over a minute rarely overlap more than 4 at a time), and
 * differently for each stage (a 5-second stage overlaps more), which a forecast of each stage's
 * peak from the entry's peak with one ratio cannot express.
 *
 * <p>Learning ({@link #learn}): the windows are sorted by invocation count and grouped into
 * buckets of at least {@code minBucket} windows (windows with the same count are never split);
 * a bucket's distribution is the histogram of the stage's peaks in its windows. A count above the
 * last bucket's mean count scales that bucket's peaks proportionally (a conservative
 * extrapolation, since peaks grow sublinearly). A stage without data uses the structural bound:
 * one container per execution, i.e. the count times the product of {@code probability *
 * multiplicity} along its heaviest path from an entry stage.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConcurrencyModel {
  /** The default smallest number of windows per bucket. */
  public static final int DEFAULT_MIN_BUCKET = 30;

  /** How many equally spaced quantiles of a count forecast are mixed (midpoints of 1/K bins). */
  public static final int FORECAST_POINTS = 20;

  private static final double[] FORECAST_LEVELS = new double[FORECAST_POINTS];

  static {
    for (int i = 0; i < FORECAST_POINTS; i++) {
      FORECAST_LEVELS[i] = (i + 0.5) / FORECAST_POINTS;
    }
  }

  private final Workflow workflow;
  private final Map<String, Double> structuralFactor;
  private final Map<String, Table> tables;

  private ConcurrencyModel(Workflow workflow, Map<String, Table> tables) {
    this.workflow = workflow;
    this.structuralFactor = structuralFactors(workflow);
    this.tables = Map.copyOf(tables);
  }

  /**
   * The model before any learning: every stage uses its structural bound.
   *
   * @param workflow the workflow
   * @return the model
   */
  public static ConcurrencyModel structural(Workflow workflow) {
    Checks.notNull("workflow", workflow);
    return new ConcurrencyModel(workflow, Map.of());
  }

  /**
   * Learns each stage's distribution of containers given the workflow's invocations. Series of
   * different lengths are aligned at their ends (the most recent window).
   *
   * @param workflow the workflow
   * @param invocations per-window invocations of the workflow (its entry stage), finite, {@code >= 0}
   * @param containersNeeded per-window peak busy containers of each stage's function; a function
   *     without a series (or with an empty one) keeps its structural bound
   * @param minBucket the smallest number of windows per bucket, {@code >= 1}
   * @return the model
   * @throws IllegalArgumentException if a count is negative or not finite
   */
  public static ConcurrencyModel learn(Workflow workflow, double[] invocations,
      Map<FunctionId, double[]> containersNeeded, int minBucket) {
    Checks.notNull("workflow", workflow);
    Checks.notNull("invocations", invocations);
    Checks.notNull("containersNeeded", containersNeeded);
    Checks.positive("minBucket", minBucket);
    for (int i = 0; i < invocations.length; i++) {
      Checks.nonNegative("invocations[" + i + "]", invocations[i]);
    }
    Map<String, Table> tables = new LinkedHashMap<>();
    for (Stage s : workflow.stages()) {
      double[] peaks = containersNeeded.get(s.function());
      if (peaks == null) {
        continue;
      }
      int n = Math.min(invocations.length, peaks.length);
      if (n == 0) {
        continue;
      }
      double[] c = Arrays.copyOfRange(invocations, invocations.length - n, invocations.length);
      int[] p = new int[n];
      for (int i = 0; i < n; i++) {
        double v = peaks[peaks.length - n + i];
        Checks.nonNegative("containersNeeded of " + s.function() + "[" + i + "]", v);
        p[i] = (int) Math.min(Integer.MAX_VALUE, Math.ceil(v - 1e-9));
      }
      tables.put(s.name(), Table.of(c, p, minBucket));
    }
    return new ConcurrencyModel(workflow, tables);
  }

  private static Map<String, Double> structuralFactors(Workflow wf) {
    Map<String, Double> f = new LinkedHashMap<>();
    for (Stage s : wf.stages()) { // topological order
      double best = 0;
      boolean entry = true;
      for (Edge e : wf.predecessors(s.name())) {
        entry = false;
        best = Math.max(best, f.getOrDefault(e.from(), 1.0) * e.probability() * e.multiplicity());
      }
      f.put(s.name(), entry ? 1.0 : best);
    }
    return Map.copyOf(f);
  }

  /**
   * The workflow.
   *
   * @return the workflow
   */
  public Workflow workflow() {
    return workflow;
  }

  /**
   * Whether a stage's distribution was learned from data (rather than its structural bound).
   *
   * @param stage a stage of the workflow
   * @return true if learned
   * @throws IllegalArgumentException if there is no such stage
   */
  public boolean isLearned(String stage) {
    checkStage(stage);
    return tables.containsKey(stage);
  }

  /**
   * The distribution of a stage's containers in a window with {@code invocations} workflow
   * invocations.
   *
   * @param stage a stage of the workflow
   * @param invocations the window's invocation count, finite, {@code >= 0} (rounded to the nearest
   *     whole count to choose the bucket)
   * @return the distribution
   * @throws IllegalArgumentException if there is no such stage or the count is invalid
   */
  public CountDistribution containers(String stage, double invocations) {
    checkStage(stage);
    Checks.nonNegative("invocations", invocations);
    Table t = tables.get(stage);
    if (t == null) {
      return CountDistribution.point(PrewarmPolicy.ceilCount(invocations * structuralFactor.get(stage)));
    }
    return t.given(invocations);
  }

  /**
   * The distribution of a stage's containers in the next window, mixed over a forecast of its
   * invocations: the equally weighted mixture of {@link #containers(String, double)} at
   * {@value #FORECAST_POINTS} equally spaced quantiles of the forecast (its mean when it has no
   * spread).
   *
   * @param stage a stage of the workflow
   * @param invocations the forecast of the next window's workflow invocations
   * @return the distribution
   * @throws IllegalArgumentException if there is no such stage
   */
  public CountDistribution containers(String stage, Forecast invocations) {
    return containers(stage, invocations, FORECAST_LEVELS);
  }

  /**
   * The distribution of a stage's containers in the next window, mixed over the given quantile
   * levels of a forecast of its invocations (e.g. levels recalibrated by a
   * {@link QuantileRecalibrator}).
   *
   * @param stage a stage of the workflow
   * @param invocations the forecast of the next window's workflow invocations
   * @param levels the quantile levels to mix, each in (0, 1), equally weighted; non-empty
   * @return the distribution
   * @throws IllegalArgumentException if there is no such stage or a level is invalid
   */
  public CountDistribution containers(String stage, Forecast invocations, double[] levels) {
    Checks.notNull("invocations", invocations);
    Checks.notNull("levels", levels);
    if (levels.length == 0) {
      throw new IllegalArgumentException("levels must not be empty");
    }
    for (int i = 0; i < levels.length; i++) {
      Checks.openUnit("levels[" + i + "]", levels[i]);
    }
    if (invocations.std() == 0) {
      return containers(stage, invocations.mean());
    }
    CountDistribution[] parts = new CountDistribution[levels.length];
    for (int i = 0; i < levels.length; i++) {
      parts[i] = containers(stage, invocations.quantile(levels[i]));
    }
    return CountDistribution.mixture(parts);
  }

  /**
   * The levels {@link #containers(String, Forecast)} mixes: {@code (i + 0.5) / K} for
   * {@code i < K =} {@value #FORECAST_POINTS}.
   *
   * @return a copy of the levels
   */
  public static double[] forecastLevels() {
    return FORECAST_LEVELS.clone();
  }

  private void checkStage(String stage) {
    Checks.notNull("stage", stage);
    if (!structuralFactor.containsKey(stage)) {
      throw new IllegalArgumentException("workflow '" + workflow.name() + "' has no stage '" + stage + "'");
    }
  }

  /** Buckets of windows by invocation count, each with the histogram of the stage's peaks. */
  private static final class Table {
    /** Smallest count of each bucket, increasing. */
    private final double[] lower;
    /** Mean count of each bucket. */
    private final double[] meanCount;
    /** Sorted peaks of each bucket. */
    private final int[][] peaks;
    private final CountDistribution[] distributions;

    private Table(double[] lower, double[] meanCount, int[][] peaks) {
      this.lower = lower;
      this.meanCount = meanCount;
      this.peaks = peaks;
      this.distributions = new CountDistribution[peaks.length];
      for (int b = 0; b < peaks.length; b++) {
        distributions[b] = histogram(peaks[b], 1.0);
      }
    }

    static Table of(double[] counts, int[] peaks, int minBucket) {
      int n = counts.length;
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingDouble((Integer i) -> counts[i]).thenComparingInt(i -> i));
      List<double[]> bounds = new ArrayList<>();
      List<int[]> groups = new ArrayList<>();
      int i = 0;
      while (i < n) {
        int j = i + 1;
        while (j < n && (j - i < minBucket || counts[order[j]] == counts[order[j - 1]])) {
          j++;
        }
        if (n - j < minBucket) {
          j = n; // a too small remainder joins the last bucket
        }
        int[] g = new int[j - i];
        double sum = 0;
        for (int k = i; k < j; k++) {
          g[k - i] = peaks[order[k]];
          sum += counts[order[k]];
        }
        Arrays.sort(g);
        bounds.add(new double[] {counts[order[i]], sum / g.length});
        groups.add(g);
        i = j;
      }
      double[] lower = new double[bounds.size()];
      double[] mean = new double[bounds.size()];
      for (int b = 0; b < lower.length; b++) {
        lower[b] = bounds.get(b)[0];
        mean[b] = bounds.get(b)[1];
      }
      return new Table(lower, mean, groups.toArray(new int[0][]));
    }

    CountDistribution given(double count) {
      double c = Math.rint(count);
      int b = 0;
      for (int k = 1; k < lower.length; k++) {
        if (c >= lower[k]) {
          b = k;
        }
      }
      if (b == lower.length - 1 && meanCount[b] > 0 && count > meanCount[b]) {
        return histogram(peaks[b], count / meanCount[b]);
      }
      return distributions[b];
    }

    private static CountDistribution histogram(int[] sortedPeaks, double scale) {
      int max = PrewarmPolicy.ceilCount(sortedPeaks[sortedPeaks.length - 1] * scale);
      double[] p = new double[max + 1];
      for (int v : sortedPeaks) {
        p[PrewarmPolicy.ceilCount(v * scale)] += 1.0 / sortedPeaks.length;
      }
      return CountDistribution.of(p);
    }
  }
}
