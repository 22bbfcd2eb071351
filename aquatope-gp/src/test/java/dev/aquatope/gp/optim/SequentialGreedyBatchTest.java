package dev.aquatope.gp.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.gp.UnitCubePoints;
import dev.aquatope.gp.acquisition.AcquisitionFunction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequentialGreedyBatchTest {
  @Test
  void select_pendingGrowsEachStep_andPenaltyPushesPointsApart() {
    Grid grid = new Grid(GridAcquisitionOptimizerTest.space());
    SequentialGreedyBatch sel = new SequentialGreedyBatch(grid, new GridSearchOptions(128, 4, 200, 10));
    List<Integer> pendingSizes = new ArrayList<>();
    double[][] base = {{0, 0, 0, 0.5}};
    SequentialGreedyBatch.Selection s = sel.select(3, pend -> {
      pendingSizes.add(pend.length);
      // Separable bump with a penalty near the pending points (like qNEI's diminishing returns).
      return c -> {
        double v = GridAcquisitionOptimizerTest.SEPARABLE.evaluate(c);
        for (double[] p : pend) {
          double d = Math.abs(c[0][0] - p[0]) + Math.abs(c[0][1] - p[1]) + Math.abs(c[0][2] - p[2]);
          v -= Math.exp(-20 * d);
        }
        return v;
      };
    }, base, Set.of(), UnitCubePoints.uniform(128, 4, 5), new SplittableRandom(3));
    assertEquals(List.of(1, 2, 3), pendingSizes);
    assertEquals(3, s.points().size());
    assertEquals(3, new HashSet<>(s.points()).size());
    assertArrayEquals(new int[] {26, 5, 7, 0}, s.points().get(0).levels());
    assertNotEquals(s.points().get(0), s.points().get(1));
    assertEquals(s.values()[0], s.maxValue(), 0.0);
  }

  @Test
  void select_neverReturnsExcluded() {
    Grid grid = new Grid(GridAcquisitionOptimizerTest.space());
    SequentialGreedyBatch sel = new SequentialGreedyBatch(grid, new GridSearchOptions(64, 2, 100, 5));
    Set<GridPoint> excluded = Set.of(new GridPoint(new int[] {26, 5, 7, 0}), new GridPoint(new int[] {26, 4, 7, 0}));
    AcquisitionFunction f = GridAcquisitionOptimizerTest.SEPARABLE;
    SequentialGreedyBatch.Selection s = sel.select(4, pend -> f, new double[0][], excluded,
        UnitCubePoints.uniform(64, 4, 5), new SplittableRandom(3));
    assertEquals(4, new HashSet<>(s.points()).size());
    for (GridPoint p : s.points()) {
      assertEquals(false, excluded.contains(p));
    }
  }

  @Test
  void select_zeroBatch_throws() {
    Grid grid = new Grid(GridAcquisitionOptimizerTest.space());
    SequentialGreedyBatch sel = new SequentialGreedyBatch(grid, GridSearchOptions.defaults());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sel.select(0, p -> c -> 0, new double[0][], Set.of(), new double[0][], new SplittableRandom(1)));
    assertEquals("q must be >= 1, was 0", e.getMessage());
  }
}
