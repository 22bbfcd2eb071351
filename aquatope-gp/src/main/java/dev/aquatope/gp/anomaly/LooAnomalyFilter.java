package dev.aquatope.gp.anomaly;

import dev.aquatope.core.util.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes gross outliers from one or more models by leave-one-out (LOO) residuals.
 *
 * <p>Each round fits every target without the points removed so far, takes the LOO predictive
 * mean and standard deviation of each remaining point (closed form from the fitted GP,
 * Rasmussen and Williams eq. 5.12), and computes {@code z = (y - mean) / std}. The worst |z|
 * over all targets is removed if it exceeds the two-sided normal quantile of the configured
 * confidence: 1.96 for 95% per point, or with {@link AnomalyOptions#familyWise()} the Sidak
 * quantile for the model's {@code n} points (3.02 for 20 points, 3.38 for 70). With
 * {@link AnomalyOptions#upperTailOnly()} only values above the interval count. The threshold is on
 * the standard deviation, not the variance as in the original prototype. Rounds repeat until no point exceeds it or
 * {@code floor(maxFraction * n)} points are removed. A point removed by one target is removed from
 * every target: an outlying measurement is distrusted as a whole.
 */
public final class LooAnomalyFilter {
  private static final Logger LOG = LoggerFactory.getLogger(LooAnomalyFilter.class);

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private final AnomalyOptions options;

  /**
   * Creates a filter.
   *
   * @param options the settings
   * @throws IllegalArgumentException if {@code options} is null
   */
  public LooAnomalyFilter(AnomalyOptions options) {
    this.options = Checks.notNull("options", options);
  }

  /**
   * The |z| beyond which a point of a model with {@code n} points is an outlier.
   *
   * @param n the number of points tested together, {@code >= 1}
   * @return the two-sided normal quantile of the (per-point) confidence
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public double threshold(int n) {
    Checks.positive("n", n);
    double perPoint = options.familyWise() ? Math.pow(options.confidence(), 1.0 / n) : options.confidence();
    return STANDARD_NORMAL.inverseCumulativeProbability(0.5 + perPoint / 2);
  }

  /**
   * Finds the outliers.
   *
   * @param targets the models to check; each is refitted once per round
   * @param n the number of observations the targets draw from (caps the removals)
   * @param alreadyRemoved caller indices flagged before this call; they count towards the cap and
   *     are never returned; not modified
   * @return the removed points in removal order
   * @throws IllegalArgumentException if an argument is null or {@code n < 0}
   */
  public List<Anomaly> filter(List<? extends LooTarget> targets, int n, Set<Integer> alreadyRemoved) {
    Checks.notNull("targets", targets);
    Checks.nonNegative("n", n);
    Checks.notNull("alreadyRemoved", alreadyRemoved);
    int cap = (int) Math.floor(options.maxFraction() * n);
    Set<Integer> removed = new HashSet<>(alreadyRemoved);
    List<Anomaly> found = new ArrayList<>();
    while (removed.size() < cap) {
      Anomaly worst = null;
      for (LooTarget t : targets) {
        LooResiduals r = t.fitWithout(removed);
        if (r.indices().length < options.minPoints()) {
          continue;
        }
        int[] idx = r.indices();
        double threshold = threshold(idx.length);
        for (int i = 0; i < idx.length; i++) {
          double z = r.z(i);
          double excess = options.upperTailOnly() ? z : Math.abs(z);
          if (excess > threshold && (worst == null || excess > Math.abs(worst.z()))) {
            worst = new Anomaly(idx[i], z, threshold, t.name());
          }
        }
      }
      if (worst == null) {
        break;
      }
      LOG.debug("removing observation {}: {}", worst.index(), worst.note());
      removed.add(worst.index());
      found.add(worst);
    }
    return found;
  }
}
