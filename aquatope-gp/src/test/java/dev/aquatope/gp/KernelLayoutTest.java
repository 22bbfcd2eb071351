package dev.aquatope.gp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Knob;
import dev.aquatope.core.model.Parameter;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.gp.model.GpHyperparameters;
import dev.aquatope.gp.model.GpOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelLayoutTest {
  private static final ConfigSpace INTERLEAVED = new ConfigSpace(List.of(new Parameter("a", Knob.cpu(0.5, 4, 0.5)),
      new Parameter("b", Knob.cpu(0.5, 4, 0.5)), new Parameter("a", Knob.memory(256, 2048, 256)),
      new Parameter("c", Knob.concurrency(1, 4))));

  @Test
  void apply_stages_groupsDimensionsByStageInOrderOfAppearance() {
    GpOptions base = GpOptions.defaults();
    GpOptions global = KernelLayout.STAGE_ADDITIVE_GLOBAL.apply(base, INTERLEAVED);
    assertArrayEquals(new int[] {0, 1, 0, 2}, global.structure().groups());
    assertTrue(global.structure().global());
    assertEquals(4, global.structure().componentCount());
    GpOptions additive = KernelLayout.STAGE_ADDITIVE.apply(base, INTERLEAVED);
    assertFalse(additive.structure().global());
    assertEquals(base.restarts(), additive.restarts());
    assertNull(KernelLayout.FULL_ARD.apply(global, INTERLEAVED).structure());
  }

  @Test
  void apply_singleStage_keepsOneArdKernel() {
    ConfigSpace one = new ConfigSpace(List.of(new Parameter("a", Knob.cpu(0.5, 4, 0.5)),
        new Parameter("a", Knob.memory(256, 2048, 256))));
    assertNull(KernelLayout.STAGE_ADDITIVE_GLOBAL.apply(GpOptions.defaults(), one).structure());
  }

  @Test
  void apply_auto_isAdditiveWithGlobalOnlyAboveTwelveDimensions() {
    List<Parameter> params = new java.util.ArrayList<>();
    for (int stage = 0; stage < 4; stage++) {
      params.add(new Parameter("s" + stage, Knob.cpu(0.5, 4, 0.5)));
      params.add(new Parameter("s" + stage, Knob.memory(256, 2048, 256)));
      params.add(new Parameter("s" + stage, Knob.concurrency(1, 4)));
    }
    ConfigSpace twelve = new ConfigSpace(params);
    assertNull(KernelLayout.AUTO.apply(GpOptions.defaults(), twelve).structure());
    params.add(new Parameter("s4", Knob.cpu(0.5, 4, 0.5)));
    GpOptions thirteen = KernelLayout.AUTO.apply(GpOptions.defaults(), new ConfigSpace(params));
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4}, thirteen.structure().groups());
    assertTrue(thirteen.structure().global());
  }

  @Test
  void builder_default_isAutoAndAnotherLayoutCanBeChosen() {
    assertEquals(KernelLayout.AUTO,
        GpBatchOptimizer.newBuilder(new ToyProblem(3.0).problem()).build().options().kernelLayout());
    assertEquals(KernelLayout.STAGE_ADDITIVE, GpBatchOptimizer.newBuilder(new ToyProblem(3.0).problem())
        .kernelLayout(KernelLayout.STAGE_ADDITIVE).build().options().kernelLayout());
  }

  @Test
  void exportState_additiveModels_restoresComponentsAndSuggestsTheSameBatch() throws IOException {
    ToyProblem toy = new ToyProblem(3.0);
    GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).seed(21).rawSamples(128)
        .kernelLayout(KernelLayout.STAGE_ADDITIVE_GLOBAL).build();
    GpBatchOptimizerTest.run(opt, toy, 10, 2, new SplittableRandom(4), 0.02, 0);
    GpHyperparameters h = opt.latencyHyperparameters().orElseThrow();
    assertEquals(3, h.componentOutputscales().length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    opt.exportState(out);
    ConstrainedBatchOptimizer restored = Providers.optimizerProvider("gp-qnei")
        .restore(toy.problem(), new ByteArrayInputStream(out.toByteArray()));
    assertEquals(KernelLayout.STAGE_ADDITIVE_GLOBAL, ((GpBatchOptimizer) restored).options().kernelLayout());
    assertEquals(h, ((GpBatchOptimizer) restored).latencyHyperparameters().orElseThrow());
    List<Configuration> a = opt.suggest(3);
    List<Configuration> b = restored.suggest(3);
    assertEquals(a, b);
  }
}
