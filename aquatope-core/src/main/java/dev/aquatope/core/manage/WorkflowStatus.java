package dev.aquatope.core.manage;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.util.Checks;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a registered workflow stands (also what {@link ResourceManager#register} reports after
 * replaying a journal).
 *
 * @param workflow the workflow's name
 * @param journal the journal file
 * @param replayedRecords how many journal records were replayed at registration
 * @param restoredFromSnapshot whether the optimizer was restored from a snapshot
 * @param campaign the current campaign (0 before the first optimization)
 * @param campaignEvaluations evaluations spent in the current campaign
 * @param totalEvaluations evaluations spent over all campaigns
 * @param unprofiled configurations of the last suggested batch not yet profiled
 * @param best the optimizer's best feasible observation
 * @param applied the configuration applied to production, if any
 */
public record WorkflowStatus(String workflow, Path journal, int replayedRecords, boolean restoredFromSnapshot,
    int campaign, int campaignEvaluations, int totalEvaluations, int unprofiled, Optional<Observation> best,
    Optional<Configuration> applied) {
  /** Validates the fields. */
  public WorkflowStatus {
    Checks.nonBlank("workflow", workflow);
    Checks.notNull("journal", journal);
    Checks.notNull("best", best);
    Checks.notNull("applied", applied);
  }
}
