package dev.aquatope.core.pool;

import dev.aquatope.core.model.FunctionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Receives the pool scheduler's decisions (for metrics, charts or logs). Methods are called on the
 * thread that runs {@link ContainerPoolScheduler#tick()}, except {@link #onTrained}, which runs on
 * the training executor; implementations must be quick and must not throw.
 */
public interface PoolListener {
  /**
   * Called once per tick after the targets were set.
   *
   * @param at the tick's time
   * @param decisions one decision per managed function
   * @param targets the targets sent to the platform
   */
  void onTick(Instant at, List<PoolDecision> decisions, Map<FunctionId, Integer> targets);

  /**
   * Called when a background (re)training of a function's forecaster ends.
   *
   * @param function the function
   * @param windows how many windows it was trained on (0 if it failed before reading them)
   * @param failure the exception if training failed, else null
   */
  default void onTrained(FunctionId function, int windows, Throwable failure) {}

  /**
   * Called on the ticking thread when a workflow's cascade plan is installed or changes
   * ({@link PoolSchedulerConfig#cascade()}).
   *
   * @param at the tick's time
   * @param workflow the workflow's name
   * @param plan the rules installed on the platform and which stages they cover
   */
  default void onCascadePlan(Instant at, String workflow, CascadePlanner.Plan plan) {}
}
