package dev.aquatope.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CountDistributionTest {
  @Test
  void quantile_discreteDistribution_isTheSmallestCountReachingTheLevel() {
    CountDistribution d = CountDistribution.of(0.1, 0.85, 0.05);
    assertEquals(0, d.quantile(0.1));
    assertEquals(1, d.quantile(0.5));
    assertEquals(1, d.quantile(0.95));
    assertEquals(2, d.quantile(0.96));
    assertEquals(2, d.max());
  }

  @Test
  void meanAndStd_matchTheDefinitions() {
    CountDistribution d = CountDistribution.of(0.25, 0.5, 0.25);
    assertEquals(1.0, d.mean(), 1e-12);
    assertEquals(Math.sqrt(0.5), d.std(), 1e-12);
    assertEquals(0.0, CountDistribution.point(3).std(), 0.0);
    assertEquals(3.0, CountDistribution.point(3).mean(), 0.0);
  }

  @Test
  void mixture_averagesTheProbabilities() {
    CountDistribution m = CountDistribution.mixture(CountDistribution.point(0), CountDistribution.point(4));
    assertEquals(0.5, m.probability(0), 1e-12);
    assertEquals(0.0, m.probability(2), 0.0);
    assertEquals(0.5, m.probability(4), 1e-12);
    assertEquals(0, m.quantile(0.5));
    assertEquals(4, m.quantile(0.51));
    assertEquals(0.0, m.probability(-1), 0.0);
    assertEquals(0.0, m.probability(5), 0.0);
  }

  @Test
  void of_invalidProbabilities_throwsNamingTheProblem() {
    IllegalArgumentException sum = assertThrows(IllegalArgumentException.class, () -> CountDistribution.of(0.5, 0.4));
    assertEquals("probabilities must sum to 1, summed to 0.9", sum.getMessage());
    IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> CountDistribution.of(1.5, -0.5));
    assertEquals(true, neg.getMessage().contains("probabilities[1]"));
    assertThrows(IllegalArgumentException.class, () -> CountDistribution.of(Double.NaN, 1.0));
    assertThrows(IllegalArgumentException.class, CountDistribution::of);
    assertThrows(IllegalArgumentException.class, () -> CountDistribution.point(-1));
    assertThrows(IllegalArgumentException.class, () -> CountDistribution.point(1).quantile(1.0));
  }
}
