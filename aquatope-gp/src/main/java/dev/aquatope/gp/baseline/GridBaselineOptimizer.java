package dev.aquatope.gp.baseline;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.optim.Grid;
import dev.aquatope.gp.optim.GridPoint;
import dev.aquatope.gp.sampling.SobolEngine;
import dev.aquatope.gp.state.ObservationState;
import dev.aquatope.gp.state.Seeds;
import dev.aquatope.gp.state.StateCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shared bookkeeping of the baselines: observations, pending points, a scrambled Sobol stream
 * decoded to distinct grid points, and JSON state.
 */
abstract class GridBaselineOptimizer implements ConstrainedBatchOptimizer {
  static final int STATE_VERSION = 1;
  private static final int STREAM_SOBOL = 11;

  final OptimizationProblem problem;
  final Grid grid;
  final long seed;
  final int nInit;
  final List<Observation> observations = new ArrayList<>();
  final LinkedHashSet<GridPoint> pending = new LinkedHashSet<>();
  private final SobolEngine sobol;
  private long sobolDrawn;
  long suggestCount;

  GridBaselineOptimizer(OptimizationProblem problem, long seed, int nInit) {
    this.problem = Checks.notNull("problem", problem);
    this.grid = new Grid(problem.space());
    this.seed = seed;
    this.nInit = Checks.positive("nInit", nInit);
    this.sobol = new SobolEngine(grid.dimension(), true, Seeds.derive(seed, STREAM_SOBOL, 0));
  }

  @Override
  public OptimizationProblem problem() {
    return problem;
  }

  /** The grid points never to propose: observed and pending. */
  Set<GridPoint> excludedPoints() {
    Set<GridPoint> ex = new HashSet<>(pending);
    for (Observation o : observations) {
      ex.add(grid.pointOf(o.configuration()));
    }
    return ex;
  }

  /** The next Sobol point not in {@code excluded}, or null when the grid seems exhausted. */
  GridPoint nextSobolPoint(Set<GridPoint> excluded) {
    for (int attempt = 0; attempt < 4096; attempt++) {
      double[] u = sobol.draw(1)[0];
      sobolDrawn++;
      for (int i = 0; i < u.length; i++) {
        u[i] = Math.min(1.0, Math.max(0.0, u[i]));
      }
      GridPoint p = grid.nearest(u);
      if (!excluded.contains(p)) {
        return p;
      }
    }
    return null;
  }

  /** Converts, records as pending and returns. */
  List<Configuration> issue(List<GridPoint> points) {
    pending.addAll(points);
    return points.stream().map(grid::configurationOf).toList();
  }

  @Override
  public void observe(List<Observation> evaluations) {
    Checks.notNull("evaluations", evaluations);
    ConfigSpace space = problem.space();
    for (Observation o : evaluations) {
      Checks.notNull("evaluation", o);
      Configuration c = o.configuration();
      if (c.values().size() != space.dimension()) {
        throw new IllegalArgumentException("configuration must set exactly the " + space.dimension()
            + " parameters of the space, was " + c);
      }
      Configuration snapped = space.fromIndices(space.toIndices(c));
      for (Map.Entry<String, Double> e : c.values().entrySet()) {
        double g = snapped.get(e.getKey());
        if (Math.abs(e.getValue() - g) > 1e-9 * Math.max(1, Math.abs(g))) {
          throw new IllegalArgumentException("configuration is not on the grid: " + e.getKey() + "="
              + e.getValue() + ", nearest level " + g);
        }
      }
    }
    for (Observation o : evaluations) {
      observations.add(o);
      pending.remove(grid.pointOf(o.configuration()));
    }
  }

  @Override
  public List<Observation> observations() {
    return List.copyOf(observations);
  }

  @Override
  public Optional<Observation> bestFeasible() {
    return observations.stream().filter(o -> o.flags().isEmpty() && o.isFeasible(problem.qos()))
        .min(Comparator.comparingDouble(Observation::cost));
  }

  /**
   * The JSON state of a baseline.
   *
   * @param name the optimizer name
   * @param version the format version
   * @param parameters the parameter keys
   * @param seed the seed
   * @param nInit initial design size
   * @param observations every observation
   * @param pending pending grid points
   * @param sobolDrawn Sobol points drawn
   * @param suggestCount suggest calls so far
   */
  public record BaselineState(String name, int version, List<String> parameters, long seed, int nInit,
      List<ObservationState> observations, List<int[]> pending, long sobolDrawn, long suggestCount) {}

  @Override
  public void exportState(OutputStream out) throws IOException {
    Checks.notNull("out", out);
    StateCodec.write(new BaselineState(name(), STATE_VERSION, StateCodec.keys(problem.space()), seed, nInit,
        observations.stream().map(ObservationState::of).toList(), pending.stream().map(GridPoint::levels).toList(),
        sobolDrawn, suggestCount), out);
  }

  /** Reads a state and checks it belongs to {@code name} and {@code problem}. */
  static BaselineState readState(String name, OptimizationProblem problem, InputStream in) throws IOException {
    Checks.notNull("problem", problem);
    BaselineState s = StateCodec.readNamed(in, BaselineState.class, name);
    StateCodec.checkMatches(name, s.name(), problem.space(), s.parameters());
    if (s.version() != STATE_VERSION) {
      throw new IOException("unsupported state version " + s.version() + ", expected " + STATE_VERSION);
    }
    return s;
  }

  /** Loads the saved observations, pending points and counters into this fresh optimizer. */
  void load(BaselineState s) throws IOException {
    try {
      for (ObservationState os : s.observations()) {
        observations.add(os.toObservation());
      }
      for (int[] p : s.pending()) {
        GridPoint gp = new GridPoint(p);
        if (!grid.contains(gp)) {
          throw new IOException("pending point " + gp + " is not on the grid");
        }
        pending.add(gp);
      }
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid " + name() + " state: " + e.getMessage(), e);
    }
    if (s.sobolDrawn() > 0) {
      sobol.draw((int) s.sobolDrawn());
    }
    sobolDrawn = s.sobolDrawn();
    suggestCount = s.suggestCount();
  }
}
