package dev.aquatope.core.pool;

import dev.aquatope.core.model.Edge;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.util.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Predicts a workflow stage's load from its upstream stages' load, with one ratio per edge
 * (fan-out multiplicity times branch probability, as observed).
 *
 * <p>For an edge {@code u -> d}, the ratio is the least-squares slope through the origin of the
 * downstream counts on the upstream counts in the same window (lag 0):
 * {@code r = sum(u_t * d_t) / sum(u_t^2)}. Edges whose upstream stage never ran keep the
 * structural ratio {@code probability * multiplicity}. A stage with several predecessors (fan-in)
 * is predicted as the maximum over its incoming edges, since an AND-join runs once per workflow
 * invocation (for OR-merges of exclusive branches this underestimates; the stage's own forecast
 * covers the rest).
 *
 * <p>Immutable and thread-safe.
 */
public final class DownstreamPredictor {
  private final Workflow workflow;
  private final Map<Edge, Double> ratios;
  private final Map<Edge, Boolean> learned;

  private DownstreamPredictor(Workflow workflow, Map<Edge, Double> ratios, Map<Edge, Boolean> learned) {
    this.workflow = workflow;
    this.ratios = Map.copyOf(ratios);
    this.learned = Map.copyOf(learned);
  }

  /**
   * A predictor that uses each edge's declared {@code probability * multiplicity}.
   *
   * @param workflow the workflow
   * @return the predictor
   */
  public static DownstreamPredictor structural(Workflow workflow) {
    Checks.notNull("workflow", workflow);
    Map<Edge, Double> r = new LinkedHashMap<>();
    Map<Edge, Boolean> l = new LinkedHashMap<>();
    for (Edge e : workflow.edges()) {
      r.put(e, e.probability() * e.multiplicity());
      l.put(e, false);
    }
    return new DownstreamPredictor(workflow, r, l);
  }

  /**
   * Learns the ratios from per-window counts of the workflow's functions. Series of different
   * lengths are aligned at their ends (the most recent window).
   *
   * @param workflow the workflow
   * @param counts per-window counts of each stage's function; a function without counts keeps the
   *     structural ratios of its edges
   * @return the predictor
   */
  public static DownstreamPredictor learn(Workflow workflow, Map<FunctionId, double[]> counts) {
    Checks.notNull("workflow", workflow);
    Checks.notNull("counts", counts);
    Map<Edge, Double> r = new LinkedHashMap<>();
    Map<Edge, Boolean> l = new LinkedHashMap<>();
    for (Edge e : workflow.edges()) {
      double[] up = counts.get(function(workflow, e.from()));
      double[] down = counts.get(function(workflow, e.to()));
      double sxy = 0;
      double sxx = 0;
      if (up != null && down != null) {
        int n = Math.min(up.length, down.length);
        double scale = 0;
        for (int i = 1; i <= n; i++) {
          scale = Math.max(scale, Math.abs(up[up.length - i]));
        }
        // Scaled by the largest upstream count so that the sums cannot overflow.
        for (int i = 1; i <= n && scale > 0; i++) {
          double u = up[up.length - i] / scale;
          double d = down[down.length - i] / scale;
          sxy += u * d;
          sxx += u * u;
        }
      }
      if (sxx > 0 && Double.isFinite(sxy / sxx)) {
        r.put(e, sxy / sxx);
        l.put(e, true);
      } else {
        r.put(e, e.probability() * e.multiplicity());
        l.put(e, false);
      }
    }
    return new DownstreamPredictor(workflow, r, l);
  }

  private static FunctionId function(Workflow wf, String stage) {
    return wf.stage(stage).map(Stage::function).orElseThrow();
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
   * The ratio of an edge.
   *
   * @param from upstream stage
   * @param to downstream stage
   * @return downstream count per upstream count
   * @throws IllegalArgumentException if there is no such edge
   */
  public double ratio(String from, String to) {
    return ratios.get(edge(from, to));
  }

  /**
   * Whether an edge's ratio was learned from data (rather than structural).
   *
   * @param from upstream stage
   * @param to downstream stage
   * @return true if learned
   */
  public boolean isLearned(String from, String to) {
    return learned.get(edge(from, to));
  }

  private Edge edge(String from, String to) {
    for (Edge e : workflow.edges()) {
      if (e.from().equals(from) && e.to().equals(to)) {
        return e;
      }
    }
    throw new IllegalArgumentException("workflow '" + workflow.name() + "' has no edge " + from + " -> " + to);
  }

  /**
   * Predicts a stage's count from its upstream stages' levels.
   *
   * @param stage the downstream stage
   * @param upstreamLevels the current count of (some of) the stage's predecessors, by stage name
   * @return the largest prediction over incoming edges with a known level, or empty if none
   */
  public Optional<Prediction> predict(String stage, Map<String, Double> upstreamLevels) {
    Prediction best = null;
    for (Edge e : workflow.predecessors(stage)) {
      Double level = upstreamLevels.get(e.from());
      if (level == null) {
        continue;
      }
      double ratio = ratios.get(e);
      double value = ratio * level;
      if (best == null || value > best.value()) {
        best = new Prediction(e.from(), ratio, level, value);
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * A prediction from one upstream stage.
   *
   * @param upstream the upstream stage that gave the largest prediction
   * @param ratio its edge's ratio
   * @param level its current count
   * @param value {@code ratio * level}
   */
  public record Prediction(String upstream, double ratio, double level, double value) {
    /** Validates the fields. */
    public Prediction {
      Checks.nonBlank("upstream", upstream);
      Checks.nonNegative("ratio", ratio);
      Checks.nonNegative("level", level);
      Checks.nonNegative("value", value);
    }
  }
}
