package dev.aquatope.gp.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Configuration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class GridProperties {
  private final ConfigSpace space = GridAcquisitionOptimizerTest.space();
  private final Grid grid = new Grid(space);

  @Property
  void encodeDecode_isIdentityOnGrid(@ForAll @IntRange(min = 0, max = 39) int a,
      @ForAll @IntRange(min = 0, max = 31) int b, @ForAll @IntRange(min = 0, max = 9) int c) {
    Configuration cfg = space.fromIndices(new int[] {a, b, c, 0});
    assertEquals(cfg, space.decode(space.encode(cfg)));
    GridPoint p = grid.pointOf(cfg);
    assertArrayEquals(new int[] {a, b, c, 0}, p.levels());
    assertArrayEquals(space.encode(cfg), grid.toUnit(p), 1e-12);
    assertEquals(p, grid.nearest(grid.toUnit(p)));
    assertEquals(cfg, grid.configurationOf(p));
  }

  @Property
  void nearest_matchesConfigSpaceRounding(@ForAll double[] seedless) {
    double[] u = new double[4];
    for (int i = 0; i < 4; i++) {
      double v = i < seedless.length && Double.isFinite(seedless[i]) ? Math.abs(seedless[i]) % 1.0 : 0.5;
      u[i] = v;
    }
    double[] rounded = new double[4];
    space.roundToGrid(u, rounded);
    assertArrayEquals(rounded, grid.toUnit(grid.nearest(u)), 1e-15);
    assertEquals(space.decode(u), grid.configurationOf(grid.nearest(u)));
  }
}
