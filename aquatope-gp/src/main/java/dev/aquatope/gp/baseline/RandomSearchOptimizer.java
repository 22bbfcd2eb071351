package dev.aquatope.gp.baseline;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.optim.GridPoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Random search: every suggestion is the next point of a scrambled Sobol sequence decoded to a
 * grid point not observed or pending. With a budget of {@code n} evaluations the answer is the
 * best feasible of {@code n} space-filling points. ServiceLoader name {@code "random"}.
 */
public final class RandomSearchOptimizer extends GridBaselineOptimizer {
  /** The ServiceLoader name. */
  public static final String NAME = "random";

  /**
   * Creates a random search.
   *
   * @param problem the problem
   * @param seed the seed of the Sobol scrambling
   * @throws IllegalArgumentException if {@code problem} is null
   */
  public RandomSearchOptimizer(OptimizationProblem problem, long seed) {
    super(problem, seed, 1);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Configuration> suggest(int q) {
    Checks.positive("q", q);
    suggestCount++;
    Set<GridPoint> excluded = excludedPoints();
    List<GridPoint> out = new ArrayList<>();
    for (int i = 0; i < q; i++) {
      GridPoint p = nextSobolPoint(excluded);
      if (p == null) {
        break;
      }
      out.add(p);
      excluded.add(p);
    }
    return issue(out);
  }

  /**
   * Restores from {@link #exportState}.
   *
   * @param problem the problem
   * @param in the stream; not closed
   * @return the restored optimizer
   * @throws IOException if reading fails or the state does not match
   */
  public static RandomSearchOptimizer restore(OptimizationProblem problem, InputStream in) throws IOException {
    BaselineState s = readState(NAME, problem, in);
    RandomSearchOptimizer o = new RandomSearchOptimizer(problem, s.seed());
    o.load(s);
    return o;
  }
}
