package dev.aquatope.core.pool;

import dev.aquatope.core.model.Edge;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.CascadePrewarming;
import dev.aquatope.core.spi.CascadeRule;
import dev.aquatope.core.util.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which stages of a workflow are prewarmed just in time from their upstream stage
 * ({@link CascadePrewarming}) rather than by per-minute targets.
 *
 * <p>A stage {@code D} is covered when it has exactly one incoming edge {@code U -> D}, taken on
 * every invocation (probability 1), {@code U} runs as a single execution (an entry stage, or
 * every incoming edge of multiplicity 1), and the lead, the {@code leadQuantile} of {@code U}'s
 * observed execution times minus the margin, is at least {@code D}'s cold start: a container
 * started when {@code U} is requested is then ready before {@code D}'s execution is. The rule
 * announces the edge's multiplicity of executions of {@code D} per execution of {@code U}.
 */
public final class CascadePlanner {
  private CascadePlanner() {}

  /**
   * The decision for one workflow.
   *
   * @param rules the rules to install, one per covered stage
   * @param covered the covered stages' names, with the reason
   * @param notCovered the other non-entry stages' names, with the reason
   * @param complete false when some stage could not be decided for lack of measurements (e.g.
   *     an upstream stage that has not run yet): plan again later
   */
  public record Plan(List<CascadeRule> rules, Map<String, String> covered, Map<String, String> notCovered,
      boolean complete) {
    /** Validates and copies. */
    public Plan {
      rules = List.copyOf(Checks.notNull("rules", rules));
      covered = Map.copyOf(Checks.notNull("covered", covered));
      notCovered = Map.copyOf(Checks.notNull("notCovered", notCovered));
    }
  }

  /**
   * Plans the cascade rules of a workflow from the platform's measurements.
   *
   * @param workflow the workflow
   * @param platform reports execution and cold-start times
   * @param options the lead quantile, margin and keep-alive
   * @return the plan
   */
  public static Plan plan(Workflow workflow, CascadePrewarming platform, CascadeOptions options) {
    Checks.notNull("workflow", workflow);
    Checks.notNull("platform", platform);
    Checks.notNull("options", options);
    List<CascadeRule> rules = new ArrayList<>();
    Map<String, String> covered = new LinkedHashMap<>();
    Map<String, String> notCovered = new LinkedHashMap<>();
    boolean complete = true;
    for (Stage d : workflow.stages()) {
      List<Edge> in = workflow.predecessors(d.name());
      if (in.isEmpty()) {
        continue;
      }
      if (in.size() > 1) {
        notCovered.put(d.name(), in.size() + " upstream stages");
        continue;
      }
      Edge e = in.get(0);
      if (e.isBranch()) {
        notCovered.put(d.name(), String.format(Locale.ROOT, "taken with probability %.2f", e.probability()));
        continue;
      }
      if (workflow.predecessors(e.from()).stream().anyMatch(p -> p.multiplicity() != 1)) {
        notCovered.put(d.name(), e.from() + " runs as several executions");
        continue;
      }
      FunctionId up = workflow.stage(e.from()).orElseThrow().function();
      Optional<Duration> upTime = platform.executionTime(up, options.leadQuantile());
      Optional<Duration> cold = platform.coldStartTime(d.function());
      if (upTime.isEmpty() || cold.isEmpty()) {
        notCovered.put(d.name(), upTime.isEmpty() ? "no execution of " + e.from() + " observed yet"
            : "cold start of " + d.name() + " unknown");
        complete = false;
        continue;
      }
      Duration lead = upTime.get().minus(options.margin());
      String numbers = String.format(Locale.ROOT, "%s q%.2f %.2f s - margin %.2f s = lead %.2f s, cold start %.2f s",
          e.from(), options.leadQuantile(), seconds(upTime.get()), seconds(options.margin()), seconds(lead),
          seconds(cold.get()));
      if (lead.isNegative() || lead.isZero() || lead.compareTo(cold.get()) < 0) {
        notCovered.put(d.name(), numbers);
        continue;
      }
      rules.add(new CascadeRule(e.from(), d.name(), lead, e.multiplicity(), options.keepAlive()));
      covered.put(d.name(), numbers);
    }
    return new Plan(rules, covered, notCovered, complete);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
