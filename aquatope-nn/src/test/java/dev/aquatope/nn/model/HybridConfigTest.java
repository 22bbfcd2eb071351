package dev.aquatope.nn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HybridConfigTest {
  @Test
  void defaults_matchThePaper() {
    HybridConfig c = HybridConfig.defaults();
    assertEquals(48, c.inputSteps());
    assertEquals(12, c.outputSteps());
    assertEquals(2, c.encoderLayers());
    assertEquals(64, c.encoderHidden());
    assertEquals(16, c.decoderHidden());
    assertEquals(3, c.mlpWidths().size());
    assertEquals(0.25, c.dropout());
    assertEquals(128, c.batchSize());
    assertEquals(1e-3, c.predictionLearningRate());
    assertEquals(32, c.mcPasses());
    assertEquals(HybridConfig.DEFAULT_SEED, c.seed());
  }

  @Test
  void setter_badValue_namesParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HybridConfig.newBuilder().batchSize(0));
    assertTrue(e.getMessage().contains("batchSize") && e.getMessage().contains("0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HybridConfig.newBuilder().dropout(1.0));
    assertThrows(IllegalArgumentException.class, () -> HybridConfig.newBuilder().encoderLearningRate(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> HybridConfig.newBuilder().mlpWidths(List.of()));
    assertThrows(IllegalArgumentException.class, () -> HybridConfig.newBuilder().mlpWidths(List.of(4, 0)));
  }

  @Test
  void setter_twice_throwsIllegalState() {
    HybridConfig.Builder b = HybridConfig.newBuilder().mcPasses(8);
    assertThrows(IllegalStateException.class, () -> b.mcPasses(16));
  }

  @Test
  void build_mcPassesWithoutDropout_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HybridConfig.newBuilder().dropout(0).build());
    assertTrue(e.getMessage().contains("mcPasses"), e.getMessage());
    assertEquals(1, HybridConfig.newBuilder().dropout(0).mcPasses(1).build().mcPasses());
  }

  @Test
  void toBuilder_roundTrips() {
    HybridConfig c = HybridConfig.newBuilder().seed(9).patience(7).build();
    assertEquals(c, c.toBuilder().build());
    assertEquals(10, c.toBuilder().seed(10).build().seed());
  }

  @Test
  void directInputs_defaultsToTheInputWindowAndIsBounded() {
    assertEquals(48, HybridConfig.defaults().directInputs());
    assertEquals(24, HybridConfig.newBuilder().inputSteps(24).build().directInputs());
    assertEquals(0, HybridConfig.newBuilder().directInputs(0).build().directInputs());
    assertEquals(24, HybridConfig.defaults().toBuilder().inputSteps(24).build().directInputs());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HybridConfig.newBuilder().inputSteps(12).directInputs(13).build());
    assertTrue(e.getMessage().contains("directInputs") && e.getMessage().contains("13"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HybridConfig.newBuilder().directInputs(-1));
  }

  @Test
  void noiseNeighbours_mustBePositive() {
    assertEquals(100, HybridConfig.defaults().noiseNeighbours());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HybridConfig.newBuilder().noiseNeighbours(0));
    assertTrue(e.getMessage().contains("noiseNeighbours"), e.getMessage());
  }
}
