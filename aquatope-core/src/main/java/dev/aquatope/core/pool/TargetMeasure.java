package dev.aquatope.core.pool;

import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import dev.aquatope.core.spi.FunctionHistory;

/** Which per-window count of a function the pool forecasts and sizes the pool by. */
public enum TargetMeasure {
  /** The peak number of busy containers in the window: directly a pool size. */
  CONTAINERS_NEEDED,
  /** The number of invocations in the window (one container per invocation). */
  INVOCATIONS;

  /**
   * Extracts this measure from a platform history.
   *
   * @param history the history
   * @param trigger the function's trigger group
   * @return the per-window series
   */
  public InvocationSeries of(FunctionHistory history, TriggerType trigger) {
    return this == CONTAINERS_NEEDED ? history.containersNeeded(trigger) : history.invocations(trigger);
  }
}
