package dev.aquatope.core.manage;

import dev.aquatope.core.model.Observation;

/**
 * Receives the resource manager's decisions. Called on the thread that drives the manager;
 * implementations must be quick and must not throw.
 */
public interface ManagerListener {
  /**
   * After each profiled batch.
   *
   * @param progress the campaign's progress
   */
  default void onBatch(BatchProgress progress) {}

  /**
   * After a configuration was applied to production.
   *
   * @param workflow the workflow's name
   * @param best the observation of the applied configuration
   */
  default void onApplied(String workflow, Observation best) {}

  /**
   * When the optimizer reported drift and a new campaign starts.
   *
   * @param workflow the workflow's name
   * @param campaign the new campaign's number
   */
  default void onDrift(String workflow, int campaign) {}
}
