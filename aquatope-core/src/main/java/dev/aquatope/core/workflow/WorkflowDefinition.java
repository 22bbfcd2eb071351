package dev.aquatope.core.workflow;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.CostModel;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.model.QosTarget;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.ProfileRequest;
import dev.aquatope.core.util.Checks;

/**
 * Everything a workflow definition file says: the workflow, its configuration space, its QoS
 * target, how it is priced and how to profile it.
 *
 * @param workflow the workflow (stages in topological order)
 * @param space the per-stage knobs, in the order of {@code workflow.stages()}
 * @param qos the end-to-end latency target
 * @param costModel the price list
 * @param profileRequest the load used to profile one configuration
 */
public record WorkflowDefinition(Workflow workflow, ConfigSpace space, QosTarget qos, CostModel costModel,
    ProfileRequest profileRequest) {

  /** Validates that every field is present and that the space only names stages of the workflow. */
  public WorkflowDefinition {
    Checks.notNull("workflow", workflow);
    Checks.notNull("space", space);
    Checks.notNull("qos", qos);
    Checks.notNull("costModel", costModel);
    Checks.notNull("profileRequest", profileRequest);
    new OptimizationProblem(workflow, space, qos);
  }

  /**
   * The optimization problem this definition describes.
   *
   * @return minimize cost over {@link #space()} subject to {@link #qos()}
   */
  public OptimizationProblem problem() {
    return new OptimizationProblem(workflow, space, qos);
  }
}
