package dev.aquatope.core.spi;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An optional capability a {@link FaasPlatform} may also implement: just-in-time prewarming of a
 * workflow's downstream stages from their upstream stages' invocations (as in Xanadu, Daw et al.,
 * Middleware 2020). When an execution of an upstream stage is requested, the platform makes sure
 * that a container of each covered downstream stage will be ready when that stage's execution is
 * expected, starting one only if the containers of the downstream function that will be free by
 * then (idle now, starting and not yet claimed, and those already started or scheduled for
 * earlier expected executions) do not cover the executions expected by then.
 *
 * <p>The pool scheduler ({@code ContainerPoolScheduler}) checks for this interface with
 * {@code instanceof}; platforms without it are unaffected and keep per-minute prewarm targets
 * only. The simulator ({@code SimulatedFaasPlatform}) implements it; the OpenWhisk adapter does
 * not (OpenWhisk has no hook that runs when an action of a sequence or composition starts).
 *
 * <p>Implementations are safe to call from several threads.
 */
public interface CascadePrewarming {
  /**
   * Installs the cascade rules of one workflow, replacing the ones installed for it before; an
   * empty list removes them. A function that is the downstream stage of no installed rule goes
   * back to the platform's keep-alive.
   *
   * @param workflow the workflow whose stages the rules name
   * @param rules the rules; each names an edge of the workflow
   * @throws IllegalArgumentException if a rule names a stage or an edge the workflow does not have
   */
  void setCascadeRules(Workflow workflow, List<CascadeRule> rules);

  /**
   * A quantile of the function's observed execution times, from request to completion (cold-start
   * waits included), over the executions the platform has seen.
   *
   * @param function the function
   * @param quantile the quantile, in {@code [0, 1]}
   * @return the time, or empty if the function has not completed an execution yet
   */
  Optional<Duration> executionTime(FunctionId function, double quantile);

  /**
   * The time a new container of the function takes to become ready (its cold start).
   *
   * @param function the function
   * @return the time, or empty if the platform does not know it yet
   */
  Optional<Duration> coldStartTime(FunctionId function);
}
