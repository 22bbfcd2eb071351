package dev.aquatope.core.spi;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.OptimizationProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Minimizes a workflow's cost subject to its QoS target by proposing batches of configurations
 * to evaluate, in an ask/tell loop:
 *
 * <pre>{@code
 * ConstrainedBatchOptimizer opt = Providers.optimizer("gp-qnei", problem, seed);
 * while (budgetLeft) {
 *   List<Configuration> batch = opt.suggest(3);
 *   opt.observe(platform.evaluate(batch));
 * }
 * Optional<Observation> best = opt.bestFeasible();
 * }</pre>
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>{@link #suggest} returns {@code q} distinct grid configurations that have not been
 *       observed and are not pending (suggested but not yet observed); the first suggestions form
 *       the initial design.
 *   <li>{@link #observe} accepts evaluations of any configurations of the space, in any order.
 *       Observations are never dropped: the ones the optimizer distrusts (outliers, stale after
 *       drift) stay in {@link #observations()} with a flag and a note.
 *   <li>{@link #bestFeasible} is the cheapest unflagged observation that met the QoS target.
 *   <li>State: {@link #exportState} writes everything needed (observations with flags,
 *       hyperparameters, pending points, RNG state); {@link Provider#restore} rebuilds an optimizer
 *       that continues exactly as this one would.
 *   <li>Not thread-safe: one control loop drives one optimizer.
 * </ul>
 */
public interface ConstrainedBatchOptimizer {
  /** The name under which the {@link Provider} registers this implementation, e.g. {@code "gp-qnei"}. */
  String name();

  /** The problem being solved. */
  OptimizationProblem problem();

  /**
   * Proposes the next batch of configurations to evaluate.
   *
   * @param q batch size, {@code >= 1}
   * @return {@code q} configurations (fewer only if the grid is exhausted)
   */
  List<Configuration> suggest(int q);

  /**
   * Records evaluations.
   *
   * @param evaluations observations of configurations of this problem's space
   * @throws IllegalArgumentException if a configuration is not on the space's grid
   */
  void observe(List<Observation> evaluations);

  /** Every observation so far, in arrival order, with the flags the optimizer gave them. */
  List<Observation> observations();

  /** The cheapest unflagged observation that met the QoS target, if any. */
  Optional<Observation> bestFeasible();

  /**
   * Whether recent observations keep falling outside the model's predictive interval, i.e. the
   * workflow's behaviour changed. Implementations that detect drift react themselves (sliding
   * window, refit, re-explore); the caller may use this to re-enter optimization.
   */
  default boolean driftDetected() {
    return false;
  }

  /**
   * Writes the optimizer's complete state as JSON.
   *
   * @param out the stream; not closed
   * @throws IOException if writing fails
   */
  void exportState(OutputStream out) throws IOException;

  /** Creates optimizers of one kind; registered for {@link java.util.ServiceLoader}. */
  interface Provider {
    /** The optimizer's name, e.g. {@code "gp-qnei"}, {@code "random"}, {@code "clite"}. */
    String name();

    /**
     * A new optimizer with default settings.
     *
     * @param problem the problem
     * @param seed seed of every random choice
     * @return the optimizer
     */
    ConstrainedBatchOptimizer create(OptimizationProblem problem, long seed);

    /**
     * A new optimizer with settings given as strings (e.g. from a command line or a
     * configuration file); each implementation documents its keys. The default accepts no
     * options: an empty map gives {@link #create(OptimizationProblem, long)}.
     *
     * @param problem the problem
     * @param seed seed of every random choice
     * @param options settings by key; not modified
     * @return the optimizer
     * @throws IllegalArgumentException if {@code options} is null, has a key this implementation
     *     does not know (the message names it) or a value it cannot use
     */
    default ConstrainedBatchOptimizer create(OptimizationProblem problem, long seed, Map<String, String> options) {
      ProviderOptions.requireNone(name(), options);
      return create(problem, seed);
    }

    /**
     * Restores an optimizer from {@link ConstrainedBatchOptimizer#exportState}.
     *
     * @param problem the problem (must match the saved one's space)
     * @param in the stream; not closed
     * @return an optimizer that continues where the saved one stopped
     * @throws IOException if reading fails or the state does not match
     */
    ConstrainedBatchOptimizer restore(OptimizationProblem problem, InputStream in) throws IOException;
  }
}
