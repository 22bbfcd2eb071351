package dev.aquatope.gp.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LooAnomalyFilterTest {
  /** A constant-mean model: the leave-one-out prediction of a point is the mean and spread of the others. */
  static final class ConstantModel implements LooTarget {
    final String name;
    final double[] y;
    int fits;

    ConstantModel(String name, double[] y) {
      this.name = name;
      this.y = y;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public LooResiduals fitWithout(Set<Integer> removed) {
      fits++;
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (!removed.contains(i)) {
          idx.add(i);
        }
      }
      int n = idx.size();
      double[] obs = new double[n];
      double[] mean = new double[n];
      double[] std = new double[n];
      for (int k = 0; k < n; k++) {
        double s = 0;
        double ss = 0;
        for (int j = 0; j < n; j++) {
          if (j != k) {
            s += y[idx.get(j)];
          }
        }
        double m = s / (n - 1);
        for (int j = 0; j < n; j++) {
          if (j != k) {
            ss += (y[idx.get(j)] - m) * (y[idx.get(j)] - m);
          }
        }
        obs[k] = y[idx.get(k)];
        mean[k] = m;
        std[k] = Math.sqrt(ss / (n - 2) * (1 + 1.0 / (n - 1)));
      }
      return new LooResiduals(idx.stream().mapToInt(Integer::intValue).toArray(), obs, mean, std);
    }
  }

  static double[] evenlySpread(int n) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = -1 + 2.0 * i / (n - 1);
    }
    return y;
  }

  @Test
  void threshold_95percent_is1point96PerPointAndSidakFamilyWise() {
    LooAnomalyFilter f = new LooAnomalyFilter(AnomalyOptions.defaults());
    assertEquals(1.959964, f.threshold(1), 1e-6);
    // Sidak: per-point level 1 - 0.95^(1/20) = 0.002561, two-sided quantile 3.0160.
    assertEquals(3.0160, f.threshold(20), 1e-4);
    assertEquals(1.959964, new LooAnomalyFilter(new AnomalyOptions(0.95, 0.2, 8, false, false)).threshold(20), 1e-6);
  }

  @Test
  void filter_moderateDeviation_flaggedPerPointButNotFamilyWise() {
    double[] y = evenlySpread(20);
    y[7] = 1.8;
    ConstantModel m = new ConstantModel("latency", y);
    assertEquals(List.of(), new LooAnomalyFilter(AnomalyOptions.defaults()).filter(List.of(m), 20, Set.of()));
    List<Anomaly> perPoint = new LooAnomalyFilter(new AnomalyOptions(0.95, 0.2, 8, false, false))
        .filter(List.of(m), 20, Set.of());
    assertEquals(7, perPoint.get(0).index());
  }

  @Test
  void filter_cleanData_flagsNothing() {
    ConstantModel m = new ConstantModel("cost", evenlySpread(20));
    assertEquals(List.of(), new LooAnomalyFilter(AnomalyOptions.defaults()).filter(List.of(m), 20, Set.of()));
    assertEquals(1, m.fits);
  }

  @Test
  void filter_twoGrossOutliers_removesWorstFirstThenStops() {
    double[] y = evenlySpread(20);
    y[3] = 10;
    y[11] = -6;
    ConstantModel lat = new ConstantModel("latency", y);
    ConstantModel cost = new ConstantModel("cost", evenlySpread(20));
    List<Anomaly> found = new LooAnomalyFilter(new AnomalyOptions(0.95, 0.2, 8, true, false))
        .filter(List.of(cost, lat), 20, Set.of());
    assertEquals(2, found.size());
    assertEquals(3, found.get(0).index());
    assertEquals("latency", found.get(0).model());
    assertEquals(11, found.get(1).index());
    assertTrue(found.get(1).z() < -1.96);
    assertEquals(3, lat.fits);
    assertTrue(found.get(0).note().startsWith("outlier: leave-one-out z="), found.get(0).note());
  }

  @Test
  void filter_upperTailOnly_keepsSurprisinglyLowValue() {
    double[] y = evenlySpread(20);
    y[3] = 10;
    y[11] = -6;
    List<Anomaly> found = new LooAnomalyFilter(AnomalyOptions.defaults())
        .filter(List.of(new ConstantModel("latency", y)), 20, Set.of());
    assertEquals(1, found.size());
    assertEquals(3, found.get(0).index());
  }

  @Test
  void filter_capReached_stopsAtMaxFraction() {
    double[] y = evenlySpread(10);
    y[0] = 50;
    y[1] = 40;
    y[2] = 30;
    // 10% of 10 points: one removal only.
    List<Anomaly> found = new LooAnomalyFilter(new AnomalyOptions(0.95, 0.1, 3, false, false))
        .filter(List.of(new ConstantModel("latency", y)), 10, Set.of());
    assertEquals(1, found.size());
    assertEquals(0, found.get(0).index());
  }

  @Test
  void filter_alreadyRemovedCountTowardsCapAndAreNotReturned() {
    double[] y = evenlySpread(10);
    y[0] = 50;
    y[1] = 40;
    List<Anomaly> found = new LooAnomalyFilter(new AnomalyOptions(0.95, 0.2, 3, true, false))
        .filter(List.of(new ConstantModel("latency", y)), 10, Set.of(0));
    assertEquals(1, found.size());
    assertEquals(1, found.get(0).index());
  }

  @Test
  void filter_tooFewPoints_doesNothing() {
    double[] y = {0, 0.1, 0.2, 99};
    assertEquals(List.of(), new LooAnomalyFilter(new AnomalyOptions(0.95, 0.5, 8, true, false))
        .filter(List.of(new ConstantModel("latency", y)), 4, Set.of()));
  }

  @Test
  void options_invalid_throwNamingField() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new AnomalyOptions(1.0, 0.2, 8, true, false));
    assertEquals("confidence must be in (0, 1), was 1.0", e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new AnomalyOptions(0.9, 1.0, 8, true, false));
    assertEquals("maxFraction must be in [0, 1), was 1.0", e.getMessage());
  }
}
