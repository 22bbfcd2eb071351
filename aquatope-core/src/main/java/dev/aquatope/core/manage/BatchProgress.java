package dev.aquatope.core.manage;

import dev.aquatope.core.model.Observation;
import dev.aquatope.core.util.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Progress of a campaign after one profiled batch.
 *
 * @param workflow the workflow's name
 * @param campaign the campaign number
 * @param evaluations evaluations spent in the campaign so far (including ones replayed from the
 *     journal)
 * @param budget the campaign's budget
 * @param elapsed time since the campaign started
 * @param batch what the batch measured
 * @param bestFeasible the optimizer's best feasible observation so far
 */
public record BatchProgress(String workflow, int campaign, int evaluations, Budget budget, Duration elapsed,
    List<Observation> batch, Optional<Observation> bestFeasible) {
  /** Validates and copies. */
  public BatchProgress {
    Checks.nonBlank("workflow", workflow);
    Checks.nonNegative("evaluations", evaluations);
    Checks.notNull("budget", budget);
    Checks.notNull("elapsed", elapsed);
    batch = List.copyOf(Checks.notNull("batch", batch));
    Checks.notNull("bestFeasible", bestFeasible);
  }
}
