package dev.aquatope.gp.anomaly;

import dev.aquatope.core.util.Checks;

/**
 * One observation the filter removed.
 *
 * @param index the caller's index of the observation
 * @param z its standardized leave-one-out residual when it was removed
 * @param threshold the |z| it exceeded
 * @param model the name of the model that flagged it
 */
public record Anomaly(int index, double z, double threshold, String model) {
  /** Validates the fields. */
  public Anomaly {
    Checks.nonNegative("index", index);
    Checks.finite("z", z);
    Checks.positive("threshold", threshold);
    Checks.nonBlank("model", model);
  }

  /**
   * A human-readable reason, for {@link dev.aquatope.core.model.Observation#note()}.
   *
   * @return e.g. {@code "outlier: leave-one-out z=5.31 on the latency model (|z| > 1.96)"}
   */
  public String note() {
    return String.format(java.util.Locale.ROOT, "outlier: leave-one-out z=%.2f on the %s model (|z| > %.2f)",
        z, model, threshold);
  }
}
