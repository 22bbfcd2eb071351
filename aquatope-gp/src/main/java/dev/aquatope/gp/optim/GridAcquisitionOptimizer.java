package dev.aquatope.gp.optim;

import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.acquisition.AcquisitionFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Maximizes an acquisition function of one candidate ({@code q = 1}) over the grid of a
 * configuration space.
 *
 * <p>Algorithm (the grid counterpart of BoTorch's {@code optimize_acqf} with raw samples and
 * restarts):
 * <ol>
 *   <li>Round every raw point (e.g. scrambled Sobol) to the grid, drop excluded and duplicate
 *       points, and score the rest.
 *   <li>Refine the {@code numRestarts} best by a pattern search on the grid: try moving each
 *       coordinate by {@code +-s} levels (clamped to the range), take the best improving move, and
 *       halve {@code s} when none improves, from {@code s} = a quarter of the largest level count
 *       down to 1. At a single-level local optimum, try {@code randomMoves} random moves of two or
 *       three coordinates by one or two levels; continue from the first that improves.
 *   <li>Return the best point seen. Excluded points (observed or pending) are never scored.
 * </ol>
 *
 * <p>A {@code NaN} acquisition value counts as {@code -infinity}, so it can never be chosen over a
 * finite value. Values of one call are cached per grid point, so the search never evaluates a
 * point twice.
 *
 * <p>Not thread-safe; cheap to create.
 */
public final class GridAcquisitionOptimizer {
  private final Grid grid;
  private final GridSearchOptions options;

  /**
   * Creates an optimizer.
   *
   * @param grid the grid searched
   * @param options the search settings
   * @throws IllegalArgumentException if an argument is null
   */
  public GridAcquisitionOptimizer(Grid grid, GridSearchOptions options) {
    this.grid = Checks.notNull("grid", grid);
    this.options = Checks.notNull("options", options);
  }

  /**
   * The search settings.
   *
   * @return the options
   */
  public GridSearchOptions options() {
    return options;
  }

  /**
   * The best point found and its acquisition value.
   *
   * @param point the chosen grid point
   * @param value its acquisition value ({@code -infinity} if every scored value was NaN or
   *     {@code -infinity})
   * @param evaluations how many acquisition evaluations the search used
   */
  public record Result(GridPoint point, double value, int evaluations) {
    /** Validates the fields. */
    public Result {
      Checks.notNull("point", point);
      if (Double.isNaN(value)) {
        throw new IllegalArgumentException("value must not be NaN");
      }
      Checks.nonNegative("evaluations", evaluations);
    }
  }

  /**
   * Maximizes {@code acquisition} over the grid points not in {@code excluded}.
   *
   * @param acquisition the function; called with one {@code 1 x d} candidate at a time
   * @param rawPoints raw candidates in the unit cube (e.g. scrambled Sobol), at least
   *     {@code rawSamples} of them are used if given; not modified
   * @param excluded grid points that must not be returned (observed, pending); not modified
   * @param rng source of the random moves and of fallback points; advanced
   * @return the best point, or empty if every point tried was excluded (the grid is exhausted or
   *     nearly so)
   * @throws IllegalArgumentException if an argument is null or a raw point has the wrong
   *     dimension or leaves the cube
   */
  public Optional<Result> maximize(AcquisitionFunction acquisition, double[][] rawPoints,
      Set<GridPoint> excluded, SplittableRandom rng) {
    Checks.notNull("acquisition", acquisition);
    Checks.notNull("rawPoints", rawPoints);
    Checks.notNull("excluded", excluded);
    Checks.notNull("rng", rng);
    Search s = new Search(acquisition, excluded);
    List<GridPoint> starts = new ArrayList<>();
    int used = Math.min(rawPoints.length, options.rawSamples());
    for (int i = 0; i < used; i++) {
      GridPoint p = grid.nearest(rawPoints[i]);
      if (!excluded.contains(p) && !s.cache.containsKey(p)) {
        s.value(p);
        starts.add(p);
      }
    }
    // Raw points all excluded (tiny or nearly exhausted grid): fall back to random grid points.
    for (int attempt = 0; starts.isEmpty() && attempt < 64 * Math.max(1, options.rawSamples()); attempt++) {
      GridPoint p = randomPoint(rng);
      if (!excluded.contains(p)) {
        s.value(p);
        starts.add(p);
      }
    }
    if (starts.isEmpty()) {
      return Optional.empty();
    }
    starts.sort((a, b) -> Double.compare(s.cache.get(b), s.cache.get(a)));
    int restarts = Math.min(options.numRestarts(), starts.size());
    for (int r = 0; r < restarts; r++) {
      s.climb(starts.get(r), rng);
    }
    return Optional.of(new Result(s.best, s.bestValue, s.evaluations));
  }

  private GridPoint randomPoint(SplittableRandom rng) {
    int[] idx = new int[grid.dimension()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = rng.nextInt(grid.levels(i));
    }
    return new GridPoint(idx);
  }

  /** The state of one {@link #maximize} call. */
  private final class Search {
    private final AcquisitionFunction acquisition;
    private final Set<GridPoint> excluded;
    private final Map<GridPoint, Double> cache = new HashMap<>();
    private final double[][] candidate = new double[1][grid.dimension()];
    private GridPoint best;
    private double bestValue = Double.NEGATIVE_INFINITY;
    private int evaluations;

    Search(AcquisitionFunction acquisition, Set<GridPoint> excluded) {
      this.acquisition = acquisition;
      this.excluded = excluded;
    }

    double value(GridPoint p) {
      Double cached = cache.get(p);
      if (cached != null) {
        return cached;
      }
      grid.toUnit(p, candidate[0]);
      double v = acquisition.evaluate(candidate);
      evaluations++;
      if (Double.isNaN(v)) {
        v = Double.NEGATIVE_INFINITY;
      }
      cache.put(p, v);
      if (best == null || v > bestValue) {
        best = p;
        bestValue = v;
      }
      return v;
    }

    void climb(GridPoint start, SplittableRandom rng) {
      int maxLevels = 1;
      for (int i = 0; i < grid.dimension(); i++) {
        maxLevels = Math.max(maxLevels, grid.levels(i));
      }
      int step = Math.max(1, Integer.highestOneBit(Math.max(1, maxLevels / 4)));
      GridPoint current = start;
      double currentValue = value(start);
      int moves = 0;
      while (moves < options.maxLocalSteps()) {
        GridPoint next = null;
        double nextValue = currentValue;
        int[] levels = current.levels();
        for (int i = 0; i < levels.length; i++) {
          for (int sign = -1; sign <= 1; sign += 2) {
            int to = Math.max(0, Math.min(grid.levels(i) - 1, levels[i] + sign * step));
            if (to == levels[i]) {
              continue;
            }
            int[] moved = levels.clone();
            moved[i] = to;
            GridPoint p = new GridPoint(moved);
            if (excluded.contains(p)) {
              continue;
            }
            double v = value(p);
            if (v > nextValue) {
              next = p;
              nextValue = v;
            }
          }
        }
        if (next != null) {
          current = next;
          currentValue = nextValue;
          moves++;
          continue;
        }
        if (step > 1) {
          step /= 2;
          continue;
        }
        GridPoint escape = randomEscape(current, currentValue, rng);
        if (escape == null) {
          return;
        }
        current = escape;
        currentValue = cache.get(escape);
        moves++;
      }
    }

    private GridPoint randomEscape(GridPoint from, double fromValue, SplittableRandom rng) {
      int d = grid.dimension();
      for (int t = 0; t < options.randomMoves(); t++) {
        int[] moved = from.levels();
        int coords = Math.min(d, 2 + rng.nextInt(2));
        for (int c = 0; c < coords; c++) {
          int i = rng.nextInt(d);
          int delta = (rng.nextBoolean() ? 1 : -1) * (1 + rng.nextInt(2));
          moved[i] = Math.max(0, Math.min(grid.levels(i) - 1, moved[i] + delta));
        }
        if (Arrays.equals(moved, from.levels())) {
          continue;
        }
        GridPoint p = new GridPoint(moved);
        if (!excluded.contains(p) && value(p) > fromValue) {
          return p;
        }
      }
      return null;
    }
  }
}
