package dev.aquatope.gp.optim;

import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.acquisition.AcquisitionFunction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Sequential greedy selection of a batch of {@code q} grid points: pick {@code x1} maximizing the
 * acquisition with the caller's pending points; then {@code x2} with {@code x1} added to the
 * pending points; and so on (BoTorch's {@code optimize_acqf(sequential=True)}, GP_REFERENCE 5.1).
 *
 * <p>The pending points are an explicit input of the acquisition factory: it is called once per
 * step with every point in flight (the caller's plus the ones chosen so far), so the acquisition
 * decides how to account for them (joint q-batch for qNEI, added to the baseline for the
 * incremental log variant, fantasies for analytic EI).
 */
public final class SequentialGreedyBatch {
  private final Grid grid;
  private final GridAcquisitionOptimizer optimizer;

  /**
   * Creates a selector.
   *
   * @param grid the grid searched
   * @param options the per-point search settings
   * @throws IllegalArgumentException if an argument is null
   */
  public SequentialGreedyBatch(Grid grid, GridSearchOptions options) {
    this.grid = Checks.notNull("grid", grid);
    this.optimizer = new GridAcquisitionOptimizer(grid, Checks.notNull("options", options));
  }

  /**
   * The chosen batch.
   *
   * @param points the chosen grid points, distinct, in selection order
   * @param values the acquisition value of each step (the value of adding that point given the
   *     earlier ones)
   * @param evaluations total acquisition evaluations
   */
  public record Selection(List<GridPoint> points, double[] values, int evaluations) {
    /** Validates and copies. */
    public Selection {
      Checks.notNull("points", points);
      Checks.notNull("values", values);
      if (points.size() != values.length) {
        throw new IllegalArgumentException("points and values must have the same length, were "
            + points.size() + " and " + values.length);
      }
      points = List.copyOf(points);
      values = values.clone();
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    /**
     * The largest step value, the early-stopping hint.
     *
     * @return the maximum of {@link #values()}, or {@code -infinity} if empty
     */
    public double maxValue() {
      double m = Double.NEGATIVE_INFINITY;
      for (double v : values) {
        m = Math.max(m, v);
      }
      return m;
    }
  }

  /**
   * Selects up to {@code q} points.
   *
   * @param q the batch size, {@code >= 1}
   * @param acquisitionWithPending builds the acquisition given the points in flight
   *     ({@code k x d} unit-cube rows; {@code k} may be 0)
   * @param basePending points already in flight before this batch (unit cube); not modified
   * @param excluded grid points never to choose (observed, pending); not modified
   * @param rawPoints raw candidates of every step's search (unit cube); not modified
   * @param rng source of the local search's random moves; advanced
   * @return the batch; shorter than {@code q} only if the grid ran out of points
   * @throws IllegalArgumentException if {@code q < 1} or an argument is null
   */
  public Selection select(int q, Function<double[][], AcquisitionFunction> acquisitionWithPending,
      double[][] basePending, Set<GridPoint> excluded, double[][] rawPoints, SplittableRandom rng) {
    if (q < 1) {
      throw new IllegalArgumentException("q must be >= 1, was " + q);
    }
    Checks.notNull("acquisitionWithPending", acquisitionWithPending);
    Checks.notNull("basePending", basePending);
    Checks.notNull("excluded", excluded);
    List<double[]> pending = new ArrayList<>(List.of(basePending));
    Set<GridPoint> taken = new HashSet<>(excluded);
    List<GridPoint> chosen = new ArrayList<>();
    double[] values = new double[q];
    int evaluations = 0;
    for (int step = 0; step < q; step++) {
      AcquisitionFunction acq = acquisitionWithPending.apply(pending.toArray(new double[0][]));
      Optional<GridAcquisitionOptimizer.Result> r = optimizer.maximize(acq, rawPoints, taken, rng);
      if (r.isEmpty()) {
        break;
      }
      GridPoint p = r.get().point();
      chosen.add(p);
      values[chosen.size() - 1] = r.get().value();
      evaluations += r.get().evaluations();
      taken.add(p);
      pending.add(grid.toUnit(p));
    }
    return new Selection(chosen, java.util.Arrays.copyOf(values, chosen.size()), evaluations);
  }
}
