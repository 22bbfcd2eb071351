package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;

/**
 * What a {@code ConstrainedBatchOptimizer} solves: minimize the cost of a workflow over
 * {@code space} subject to {@code qos}.
 *
 * @param workflow the workflow being configured
 * @param space the configuration space
 * @param qos the end-to-end latency target (the constraint, feasible when {@code latency <= bound})
 */
public record OptimizationProblem(Workflow workflow, ConfigSpace space, QosTarget qos) {
  /** Validates that every parameter belongs to a stage of the workflow. */
  public OptimizationProblem {
    Checks.notNull("workflow", workflow);
    Checks.notNull("space", space);
    Checks.notNull("qos", qos);
    for (Parameter p : space.parameters()) {
      if (workflow.stage(p.stage()).isEmpty()) {
        throw new IllegalArgumentException("parameter '" + p.key() + "' names stage '" + p.stage()
            + "', which workflow '" + workflow.name() + "' does not have");
      }
    }
  }
}
