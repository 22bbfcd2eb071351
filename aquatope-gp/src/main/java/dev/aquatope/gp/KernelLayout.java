package dev.aquatope.gp;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Parameter;
import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.kernel.KernelStructure;
import dev.aquatope.gp.model.GpOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The covariance structure of {@link GpBatchOptimizer}'s two models, chosen from the problem's
 * workflow: one ARD kernel over every knob, or a sum of per-stage kernels (end-to-end cost is a
 * sum of per-stage costs and latency along a chain a sum of stage latencies), optionally plus a
 * global component for the interactions between stages.
 */
public enum KernelLayout {
  /** One ARD Matérn-5/2 kernel over all dimensions (BoTorch's {@code SingleTaskGP}). */
  FULL_ARD,
  /** One component per stage, over that stage's knobs. */
  STAGE_ADDITIVE,
  /** One component per stage plus a global component over every knob (shared lengthscales). */
  STAGE_ADDITIVE_GLOBAL;

  /**
   * The GP options for a space: {@code gp} itself for {@link #FULL_ARD} or a single-stage space,
   * else {@code gp} with the per-stage {@link KernelStructure} (stages numbered in the order their
   * first knob appears in the space).
   *
   * @param gp the base options
   * @param space the configuration space (its dimensions in order)
   * @return the options to fit the models with
   * @throws IllegalArgumentException if an argument is null
   */
  public GpOptions apply(GpOptions gp, ConfigSpace space) {
    Checks.notNull("gp", gp);
    Checks.notNull("space", space);
    if (this == FULL_ARD) {
      return gp.withStructure(null);
    }
    List<Parameter> params = space.parameters();
    Map<String, Integer> stageIndex = new LinkedHashMap<>();
    int[] groups = new int[params.size()];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = stageIndex.computeIfAbsent(params.get(i).stage(), s -> stageIndex.size());
    }
    if (stageIndex.size() < 2) {
      return gp.withStructure(null);
    }
    return gp.withStructure(new KernelStructure(groups, this == STAGE_ADDITIVE_GLOBAL));
  }
}
