package dev.aquatope.openwhisk.prewarm;

import dev.aquatope.core.model.FunctionId;
import java.util.List;
import java.util.Map;

/**
 * Controls (or only reports) OpenWhisk's prewarmed containers.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>{@link #currentPools()} reports what the platform says is prewarmed or configured.
 *   <li>{@link #setPrewarmTargets} merges the given targets into the controller's current
 *       targets (functions not in the map keep theirs, 0 initially) and pushes the result; an
 *       implementation that cannot apply targets throws {@link UnsupportedOperationException}
 *       with the reason.
 *   <li>{@link #targets()} returns the merged targets last pushed successfully.
 *   <li>Implementations are thread-safe.
 * </ul>
 */
public interface PrewarmController {
  /** The implementation's name: {@code "pr4790"}, {@code "aquatope-fork"} or {@code "read-only"}. */
  String name();

  /**
   * What is prewarmed (or configured) now.
   *
   * @return one entry per (kind, memory) pool
   * @throws dev.aquatope.openwhisk.client.OpenWhiskException if the platform cannot be read
   */
  List<PrewarmPool> currentPools();

  /**
   * Sets how many prewarmed containers to keep per function.
   *
   * @param targets non-negative targets
   * @throws UnsupportedOperationException if the deployment cannot change prewarm counts
   * @throws IllegalArgumentException if a target is negative
   */
  void setPrewarmTargets(Map<FunctionId, Integer> targets);

  /** The merged targets last applied (empty initially). */
  Map<FunctionId, Integer> targets();
}
