package dev.aquatope.core.manage;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.CostModel;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.model.QosTarget;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.ProfileRequest;
import dev.aquatope.core.util.Checks;
import dev.aquatope.core.workflow.WorkflowDefinition;

/**
 * A workflow registered with a {@link ResourceManager}: what to optimize and how to measure it.
 *
 * <p>The cost model prices each profiled configuration from the platform's billed totals: cost
 * per successful invocation = {@code (costModel.cost(1, 0, vcpuSeconds) + costModel.cost(0, 1024,
 * gbSeconds)) / successes}, which is exact for linear price lists such as
 * {@link dev.aquatope.core.model.LinearCostModel}.
 *
 * @param problem the workflow, its configuration space and its QoS target
 * @param costModel the price list
 * @param profileRequest the load used to profile one configuration
 * @param prewarmContainers containers to keep prewarmed per stage function while the manager
 *     profiles (0 to leave the pool alone)
 */
public record ManagedWorkflow(OptimizationProblem problem, CostModel costModel, ProfileRequest profileRequest,
    int prewarmContainers) {

  /** Validates the fields. */
  public ManagedWorkflow {
    Checks.notNull("problem", problem);
    Checks.notNull("costModel", costModel);
    Checks.notNull("profileRequest", profileRequest);
    Checks.nonNegative("prewarmContainers", prewarmContainers);
  }

  /**
   * The registration described by a workflow definition file.
   *
   * @param definition the definition
   * @param prewarmContainers containers to prewarm per stage function while profiling
   * @return the registration
   */
  public static ManagedWorkflow of(WorkflowDefinition definition, int prewarmContainers) {
    Checks.notNull("definition", definition);
    return new ManagedWorkflow(definition.problem(), definition.costModel(), definition.profileRequest(),
        prewarmContainers);
  }

  /**
   * The workflow.
   *
   * @return the workflow
   */
  public Workflow workflow() {
    return problem.workflow();
  }

  /**
   * The configuration space.
   *
   * @return the configuration space
   */
  public ConfigSpace space() {
    return problem.space();
  }

  /**
   * The QoS target.
   *
   * @return the QoS target
   */
  public QosTarget qos() {
    return problem.qos();
  }

  /**
   * The workflow's name, which keys its journal.
   *
   * @return the workflow's name, which keys its journal
   */
  public String name() {
    return problem.workflow().name();
  }
}
