package dev.aquatope.gp.baseline;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.acquisition.AcquisitionFunction;
import dev.aquatope.gp.model.GaussianProcess;
import dev.aquatope.gp.model.GpOptions;
import dev.aquatope.gp.optim.GridPoint;
import dev.aquatope.gp.optim.GridSearchOptions;
import dev.aquatope.gp.optim.SequentialGreedyBatch;
import dev.aquatope.gp.sampling.SobolEngine;
import dev.aquatope.gp.state.Seeds;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.math3.special.Erf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CLITE-style optimizer (Patel and Tiwari, HPCA 2020): one Gaussian process on a hand-made
 * score that folds the QoS constraint into the objective, maximized with expected improvement.
 * ServiceLoader name {@code "clite"}.
 *
 * <p><b>Score</b> (larger is better, as CLITE's):
 * <ul>
 *   <li>QoS met: {@code 0.5 + 0.5 * (1 - cost / maxCost)}, in {@code [0.5, 1)}, where
 *       {@code maxCost} is the largest cost observed so far; cheaper is better.
 *   <li>QoS missed: {@code 0.5 * min(1, bound / latency)}, in {@code (0, 0.5)}: the penalty
 *       shrinks as the latency approaches the bound.
 *   <li>Failed evaluation: 0.
 * </ul>
 * The scores are recomputed from all observations at every suggest (maxCost can grow). The
 * initial design is {@code nInit} scrambled Sobol points; afterwards batches are chosen by
 * sequential greedy expected improvement over the grid, with pending points fantasized at the
 * posterior mean ("kriging believer"). Like CLITE, it has no outlier filter and no
 * log transform. {@link #bestFeasible} is the cheapest observation that met the QoS target.
 */
public final class CliteOptimizer extends GridBaselineOptimizer {
  /** The ServiceLoader name. */
  public static final String NAME = "clite";
  /** The default number of initial Sobol points. */
  public static final int DEFAULT_N_INIT = 10;

  private static final int STREAM_FIT = 21;
  private static final int STREAM_RAW = 22;
  private static final int STREAM_MOVES = 23;

  private static final Logger LOG = LoggerFactory.getLogger(CliteOptimizer.class);

  private final SequentialGreedyBatch selector;

  /**
   * Creates a CLITE-style optimizer.
   *
   * @param problem the problem
   * @param seed the seed
   * @param nInit number of initial Sobol points, {@code >= 1}
   * @throws IllegalArgumentException if an argument is invalid
   */
  public CliteOptimizer(OptimizationProblem problem, long seed, int nInit) {
    super(problem, seed, nInit);
    this.selector = new SequentialGreedyBatch(grid, GridSearchOptions.defaults());
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * CLITE's score of one observation.
   *
   * @param o the observation
   * @param maxCost the largest cost observed, {@code > 0}
   * @return the score in {@code [0, 1)}
   */
  double score(Observation o, double maxCost) {
    if (o.flags().contains(ObservationFlag.FAILED)) {
      return 0;
    }
    double bound = problem.qos().boundSeconds();
    if (o.isFeasible(problem.qos())) {
      return 0.5 + 0.5 * (1 - o.cost() / maxCost);
    }
    return 0.5 * Math.min(1, bound / Math.max(o.latency(), 1e-12));
  }

  @Override
  public List<Configuration> suggest(int q) {
    Checks.positive("q", q);
    long call = suggestCount++;
    Set<GridPoint> excluded = excludedPoints();
    List<GridPoint> out = new ArrayList<>();
    while (out.size() < q && observations.size() + pending.size() + out.size() < nInit) {
      GridPoint p = nextSobolPoint(excluded);
      if (p == null) {
        break;
      }
      out.add(p);
      excluded.add(p);
    }
    if (out.size() < q && observations.size() >= 2) {
      out.addAll(bayesian(q - out.size(), call, excluded, out));
      excluded.addAll(out);
    }
    while (out.size() < q) {
      GridPoint p = nextSobolPoint(excluded);
      if (p == null) {
        break;
      }
      out.add(p);
      excluded.add(p);
    }
    return issue(out);
  }

  private List<GridPoint> bayesian(int q, long call, Set<GridPoint> excluded, List<GridPoint> designThisCall) {
    int n = observations.size();
    double maxCost = 1e-300;
    for (Observation o : observations) {
      if (!o.flags().contains(ObservationFlag.FAILED)) {
        maxCost = Math.max(maxCost, o.cost());
      }
    }
    double[][] x = new double[n][];
    double[] y = new double[n];
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      x[i] = grid.toUnit(grid.pointOf(observations.get(i).configuration()));
      y[i] = score(observations.get(i), maxCost);
      best = Math.max(best, y[i]);
    }
    GaussianProcess gp = null;
    for (int attempt = 0; attempt < 3 && gp == null; attempt++) {
      try {
        gp = GaussianProcess.fit(x, y, null, GpOptions.defaults().withSeed(Seeds.derive(seed, STREAM_FIT, 3 * call + attempt)));
      } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
        LOG.warn("score model fit failed (attempt {}): {}", attempt + 1, e.toString());
      }
    }
    if (gp == null) {
      return List.of();
    }
    GaussianProcess fitted = gp;
    List<double[]> base = new ArrayList<>();
    for (GridPoint p : pending) {
      base.add(grid.toUnit(p));
    }
    for (GridPoint p : designThisCall) {
      base.add(grid.toUnit(p));
    }
    double incumbent = best;
    Function<double[][], AcquisitionFunction> ei = pend -> {
      GaussianProcess model = pend.length == 0 ? fitted
          : fitted.withAddedPoints(pend, fitted.posteriorMean(pend), null);
      return c -> expectedImprovement(model, c, incumbent);
    };
    double[][] raw = new SobolEngine(grid.dimension(), true, Seeds.derive(seed, STREAM_RAW, call))
        .draw(GridSearchOptions.defaults().rawSamples());
    for (double[] u : raw) {
      for (int i = 0; i < u.length; i++) {
        u[i] = Math.min(1.0, Math.max(0.0, u[i]));
      }
    }
    return selector.select(q, ei, base.toArray(new double[0][]), excluded, raw,
        Seeds.random(seed, STREAM_MOVES, call)).points();
  }

  /** Analytic expected improvement of the first candidate over {@code best} (maximization). */
  static double expectedImprovement(GaussianProcess model, double[][] candidates, double best) {
    double mu = model.posteriorMean(candidates)[0];
    double sigma = Math.sqrt(Math.max(model.posteriorVariance(candidates)[0], 0));
    if (sigma < 1e-12) {
      return Math.max(0, mu - best);
    }
    double z = (mu - best) / sigma;
    double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2));
    double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    return sigma * (z * cdf + pdf);
  }

  /**
   * Restores from {@link #exportState}.
   *
   * @param problem the problem
   * @param in the stream; not closed
   * @return the restored optimizer
   * @throws IOException if reading fails or the state does not match
   */
  public static CliteOptimizer restore(OptimizationProblem problem, InputStream in) throws IOException {
    BaselineState s = readState(NAME, problem, in);
    CliteOptimizer o = new CliteOptimizer(problem, s.seed(), s.nInit());
    o.load(s);
    return o;
  }
}
