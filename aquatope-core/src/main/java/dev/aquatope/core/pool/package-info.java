/**
 * The container-pool control loop: every interval, {@link dev.aquatope.core.pool.ContainerPoolScheduler}
 * reads each managed function's recent history from the platform, forecasts the next window with an
 * {@link dev.aquatope.core.spi.InvocationForecaster}, turns the forecast into a prewarm target with a
 * {@link dev.aquatope.core.pool.PrewarmPolicy}, raises the targets of downstream workflow stages from
 * their upstream stages' current load ({@link dev.aquatope.core.pool.DownstreamPredictor}) and sets the
 * targets on the {@link dev.aquatope.core.spi.FaasPlatform}. Forecasters retrain in the background.
 * With {@link dev.aquatope.core.pool.PoolSizing#WORKFLOW_CONCURRENCY}, a workflow's entry invocations
 * are forecast instead and every stage is sized from a learned
 * {@link dev.aquatope.core.pool.ConcurrencyModel} (containers needed given the invocations). With
 * {@link dev.aquatope.core.pool.CascadeOptions cascade prewarming} on, the stages that
 * {@link dev.aquatope.core.pool.CascadePlanner} finds coverable are prewarmed just in time by the
 * platform from their upstream stage's invocations instead.
 */
package dev.aquatope.core.pool;
