package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;

/**
 * The end-to-end latency bound a workflow must meet: {@code statistic(latencies) <= bound}.
 *
 * <p>Project-wide constraint convention: {@code g(x) = statistic - bound <= 0} is feasible
 * (see {@link #slack}).
 *
 * @param boundSeconds the latency bound in seconds, {@code > 0}
 * @param statistic which statistic of the per-request latencies is bounded
 */
public record QosTarget(double boundSeconds, LatencyStatistic statistic) {
  /** Validates the fields. */
  public QosTarget {
    Checks.positive("boundSeconds", boundSeconds);
    Checks.notNull("statistic", statistic);
  }

  /** A bound on mean latency. */
  public static QosTarget meanBelow(double seconds) {
    return new QosTarget(seconds, LatencyStatistic.MEAN);
  }

  /** The constraint value {@code latency - bound}; feasible when {@code <= 0}. */
  public double slack(double latencySeconds) {
    return latencySeconds - boundSeconds;
  }

  /** Whether a measured latency statistic meets the bound. */
  public boolean isMet(double latencySeconds) {
    return latencySeconds <= boundSeconds;
  }
}
