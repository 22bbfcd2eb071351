package dev.aquatope.core.pool;

/** How the pool turns forecasts into the targets of a workflow's stages. */
public enum PoolSizing {
  /**
   * Each function's own forecast of {@link PoolSchedulerConfig#measure()} goes through the
   * {@link PrewarmPolicy}; a downstream stage's target is raised to the
   * {@link DownstreamPredictor} prediction from its upstream stages' current load.
   */
  PER_FUNCTION,
  /**
   * Only the entry stage of each managed workflow is forecast, as a count of invocations
   * (requires {@link TargetMeasure#INVOCATIONS}); every stage's target is the
   * {@link PrewarmPolicy} applied to the distribution of its containers given that forecast, from
   * the workflow's learned {@link ConcurrencyModel}. Functions that are not a stage of a managed
   * workflow are sized as under {@link #PER_FUNCTION}.
   */
  WORKFLOW_CONCURRENCY
}
