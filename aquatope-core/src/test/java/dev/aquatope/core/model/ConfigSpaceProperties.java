package dev.aquatope.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ConfigSpaceProperties {
  private static final Workflow WF = Workflow.chain("w", "a", "b");
  private static final ConfigSpace SPACE = ConfigSpace.perStage(WF,
      List.of(Knob.cpu(0.1, 4.0, 0.1), Knob.memory(128, 2048, 128), Knob.concurrency(1, 8)));

  @Property
  void decodeEncode_isIdentityOnTheGrid(@ForAll @IntRange(max = 39) int c1, @ForAll @IntRange(max = 15) int m1,
      @ForAll @IntRange(max = 7) int k1, @ForAll @IntRange(max = 39) int c2, @ForAll @IntRange(max = 15) int m2,
      @ForAll @IntRange(max = 7) int k2) {
    Configuration c = SPACE.fromIndices(new int[] {c1, m1, k1, c2, m2, k2});
    assertEquals(c, SPACE.decode(SPACE.encode(c)));
    assertArrayEquals(new int[] {c1, m1, k1, c2, m2, k2}, SPACE.toIndices(c));
  }

  @Property
  void roundToGrid_isIdempotentAndMatchesDecode(@ForAll @DoubleRange(min = 0, max = 1) double u0,
      @ForAll @DoubleRange(min = 0, max = 1) double u1, @ForAll @DoubleRange(min = 0, max = 1) double u2) {
    double[] u = {u0, u1, u2, u2, u1, u0};
    double[] r = new double[6];
    SPACE.roundToGrid(u, r);
    double[] rr = new double[6];
    SPACE.roundToGrid(r, rr);
    assertArrayEquals(r, rr, 0.0);
    assertEquals(SPACE.decode(u), SPACE.decode(r));
    assertArrayEquals(r, SPACE.encode(SPACE.decode(u)), 1e-12);
  }

  @Test
  void gridSize_isProductOfLevels() {
    assertEquals(BigInteger.valueOf(40L * 16 * 8 * 40 * 16 * 8), SPACE.gridSize());
    assertEquals(6, SPACE.dimension());
  }

  @Test
  void knob_valuesAreCleanDecimals() {
    Knob cpu = Knob.cpu(0.1, 4.0, 0.1);
    assertEquals(40, cpu.levels());
    assertEquals(0.3, cpu.valueAt(2), 0.0);
    assertEquals(4.0, cpu.decode(1.0), 0.0);
    assertEquals(0.1, cpu.decode(0.0), 0.0);
  }

  @Test
  void knob_badGridOrValues_areRejectedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Knob.memory(128, 1000, 128));
    assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Knob.cpu(1, 0.5, 0.1));
    assertTrue(e.getMessage().contains("max=0.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Knob.cpu(0.1, 4, 0.1).encode(5.0));
    assertTrue(e.getMessage().contains("5.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SPACE.decode(new double[] {0, 0, 0, 0, 0, Double.NaN}));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SPACE.decode(new double[] {0.5}));
  }

  @Test
  void configuration_resources_usesStandardKnobNames() {
    Configuration c = SPACE.fromIndices(new int[] {9, 7, 3, 0, 0, 0});
    StageResources r = c.resources("a", new StageResources(1, 1024, 1));
    assertEquals(1.0, r.vcpu(), 0.0);
    assertEquals(1024, r.memoryMb(), 0.0);
    assertEquals(4, r.concurrency());
    StageResources d = new Configuration(java.util.Map.of()).resources("a", new StageResources(2, 512, 1));
    assertEquals(2.0, d.vcpu(), 0.0);
  }

  @Test
  void optimizationProblem_unknownStage_isRejected() {
    ConfigSpace other = new ConfigSpace(List.of(new Parameter("zz", Knob.cpu(1, 2, 1))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OptimizationProblem(WF, other, QosTarget.meanBelow(1)));
    assertTrue(e.getMessage().contains("zz"), e.getMessage());
  }
}
