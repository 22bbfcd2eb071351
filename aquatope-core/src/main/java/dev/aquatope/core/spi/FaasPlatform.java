package dev.aquatope.core.spi;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Workflow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a host FaaS platform implements so that Aquatope can manage it: the only boundary between
 * the library and a platform. {@code SimulatedFaasPlatform} (test fixtures) and
 * {@code OpenWhiskPlatform} (adapter) implement it.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>{@link #clock()} is the platform's notion of now: wall time on a real platform, virtual
 *       time on a simulator. Control loops read time only from it.
 *   <li>{@link #apply} sets the resources of every stage of a workflow for production traffic.
 *   <li>{@link #setPrewarmTargets} asks the platform to keep at least that many idle-or-busy
 *       containers of each function alive; a platform that cannot honour it throws
 *       {@link UnsupportedOperationException} with the reason.
 *   <li>{@link #history} reports per-window invocation and container statistics.
 *   <li>{@link #profile} evaluates configurations of a workflow on isolated copies (in parallel
 *       where the platform allows), without touching production traffic.
 *   <li>Implementations are safe to call from several threads.
 * </ul>
 */
public interface FaasPlatform extends AutoCloseable {
  /** The platform's name, e.g. {@code "sim"} or {@code "openwhisk"}. */
  String name();

  /** The platform's clock (virtual in a simulator). */
  Clock clock();

  /**
   * Applies a configuration to every stage of a workflow.
   *
   * @param workflow the workflow
   * @param configuration values for the workflow's knobs; knobs it does not set keep their
   *     current values
   */
  void apply(Workflow workflow, Configuration configuration);

  /**
   * Sets how many containers to keep provisioned per function; functions not in the map keep
   * their previous target (0 initially).
   *
   * @param targets non-negative targets
   * @throws UnsupportedOperationException if the platform cannot prewarm
   */
  void setPrewarmTargets(Map<FunctionId, Integer> targets);

  /**
   * Per-window history of a function over {@code [from, to)}, in windows of one minute.
   *
   * @param function the function
   * @param from inclusive start, aligned to a minute
   * @param to exclusive end
   * @return the history (windows with no activity are present with zero counts)
   */
  FunctionHistory history(FunctionId function, Instant from, Instant to);

  /**
   * Profiles configurations of a workflow and returns what each measured.
   *
   * @param workflow the workflow
   * @param configurations the configurations to evaluate
   * @param request how much load and whether containers are warmed first
   * @return one result per configuration, in the same order
   */
  List<ProfileResult> profile(Workflow workflow, List<Configuration> configurations, ProfileRequest request);

  /** Releases connections and threads; the default does nothing. */
  @Override
  default void close() {}

  /** Creates platforms of one kind; registered for {@link java.util.ServiceLoader}. */
  interface Provider {
    /** The platform's name, e.g. {@code "sim"}, {@code "openwhisk"}. */
    String name();

    /**
     * Creates a platform from string properties (endpoints, credentials, seeds...), documented
     * by each implementation.
     *
     * @param properties the settings
     * @return the platform
     */
    FaasPlatform create(Map<String, String> properties);
  }
}
