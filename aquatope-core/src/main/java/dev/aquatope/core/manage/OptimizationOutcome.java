package dev.aquatope.core.manage;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.util.Checks;
import java.util.Optional;

/**
 * The result of {@link ResourceManager#optimize}.
 *
 * @param workflow the workflow's name
 * @param campaign the campaign that ran
 * @param evaluations evaluations spent in the campaign in total (including earlier runs
 *     replayed from the journal)
 * @param profiled evaluations this call paid for
 * @param best the best feasible observation, if any configuration met the QoS target
 * @param applied the configuration now applied to production, if any
 * @param stopReason why the campaign stopped, e.g. {@code "evaluation budget spent (30/30)"}
 */
public record OptimizationOutcome(String workflow, int campaign, int evaluations, int profiled,
    Optional<Observation> best, Optional<Configuration> applied, String stopReason) {
  /** Validates the fields. */
  public OptimizationOutcome {
    Checks.nonBlank("workflow", workflow);
    Checks.nonNegative("evaluations", evaluations);
    Checks.nonNegative("profiled", profiled);
    Checks.notNull("best", best);
    Checks.notNull("applied", applied);
    Checks.nonBlank("stopReason", stopReason);
  }
}
