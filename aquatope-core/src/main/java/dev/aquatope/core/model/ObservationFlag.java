package dev.aquatope.core.model;

/** Why an {@link Observation} is treated specially by an optimizer. */
public enum ObservationFlag {
  /** Flagged by the anomaly filter as a non-Gaussian outlier and excluded from the model. */
  OUTLIER,
  /** Outside the sliding window used after drift was detected; excluded from the model. */
  STALE,
  /** The evaluation failed (e.g. out of memory); treated as infeasible. */
  FAILED
}
