package dev.aquatope.core.pool;

import dev.aquatope.core.model.TriggerType;
import dev.aquatope.core.util.Checks;
import java.time.Duration;

/**
 * The settings of a {@link ContainerPoolScheduler}. Immutable; start from {@link #defaults()} and
 * change fields with the {@code with...} methods.
 *
 * @param interval how often the host should call {@link ContainerPoolScheduler#tick()} (used by
 *     {@link ContainerPoolScheduler#scheduleOn}); default one minute
 * @param policy turns a forecast into a prewarm target; default {@code QuantilePolicy(0.9)}
 * @param measure which count is forecast; default {@link TargetMeasure#CONTAINERS_NEEDED}
 * @param inputSteps how many recent windows are read and passed to the forecaster at each tick
 *     (at least the forecaster's {@code minHistory()} are always read); default 48
 * @param trainingWindows how many recent windows a (re)training reads; {@code >= inputSteps};
 *     default one week (10080)
 * @param retrainPeriod how often each forecaster and each workflow's fan-out ratios are retrained
 *     in the background; default one day
 * @param fallbackForecaster the name of the baseline forecaster (found with
 *     {@link dev.aquatope.core.spi.Providers}) used for functions whose history is shorter than
 *     the main forecaster's {@code minHistory()}; it is refitted synchronously at each tick, so it
 *     must be cheap; default {@code "keep-alive"}
 * @param defaultTrigger the trigger group of functions registered without one; default HTTP
 * @param sizing how the targets of workflow stages are derived; default
 *     {@link PoolSizing#PER_FUNCTION}; {@link PoolSizing#WORKFLOW_CONCURRENCY} requires
 *     {@code measure} {@link TargetMeasure#INVOCATIONS} (set the measure first, then the sizing)
 * @param recalibrationWindows under {@link PoolSizing#WORKFLOW_CONCURRENCY}, how many recent windows
 *     a {@link QuantileRecalibrator} uses to recalibrate the quantile levels of each workflow's
 *     entry forecasts (it starts after 60 windows, or all of them if fewer); 0 (the default)
 *     uses the forecasts' levels as they are
 * @param cascade whether and how downstream workflow stages are prewarmed just in time from their
 *     upstream stages' invocations on platforms that support it; default {@link CascadeOptions#OFF}
 */
public record PoolSchedulerConfig(Duration interval, PrewarmPolicy policy, TargetMeasure measure, int inputSteps,
    int trainingWindows, Duration retrainPeriod, String fallbackForecaster, TriggerType defaultTrigger,
    PoolSizing sizing, int recalibrationWindows, CascadeOptions cascade) {

  /** Validates every field. */
  public PoolSchedulerConfig {
    Checks.notNull("interval", interval);
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("interval must be > 0, was " + interval);
    }
    Checks.notNull("policy", policy);
    Checks.notNull("measure", measure);
    Checks.positive("inputSteps", inputSteps);
    Checks.positive("trainingWindows", trainingWindows);
    if (trainingWindows < inputSteps) {
      throw new IllegalArgumentException("trainingWindows must be >= inputSteps (" + inputSteps + "), was "
          + trainingWindows);
    }
    Checks.notNull("retrainPeriod", retrainPeriod);
    if (retrainPeriod.isZero() || retrainPeriod.isNegative()) {
      throw new IllegalArgumentException("retrainPeriod must be > 0, was " + retrainPeriod);
    }
    Checks.nonBlank("fallbackForecaster", fallbackForecaster);
    Checks.notNull("defaultTrigger", defaultTrigger);
    Checks.notNull("sizing", sizing);
    Checks.nonNegative("recalibrationWindows", recalibrationWindows);
    Checks.notNull("cascade", cascade);
    if (sizing == PoolSizing.WORKFLOW_CONCURRENCY && measure != TargetMeasure.INVOCATIONS) {
      throw new IllegalArgumentException("sizing WORKFLOW_CONCURRENCY forecasts invocations and needs measure "
          + "INVOCATIONS, was " + measure);
    }
  }

  /**
   * The configuration with {@link PoolSizing#PER_FUNCTION} sizing and no recalibration (the fields
   * before those existed).
   *
   * @param interval see the record
   * @param policy see the record
   * @param measure see the record
   * @param inputSteps see the record
   * @param trainingWindows see the record
   * @param retrainPeriod see the record
   * @param fallbackForecaster see the record
   * @param defaultTrigger see the record
   */
  public PoolSchedulerConfig(Duration interval, PrewarmPolicy policy, TargetMeasure measure, int inputSteps,
      int trainingWindows, Duration retrainPeriod, String fallbackForecaster, TriggerType defaultTrigger) {
    this(interval, policy, measure, inputSteps, trainingWindows, retrainPeriod, fallbackForecaster, defaultTrigger,
        PoolSizing.PER_FUNCTION, 0, CascadeOptions.OFF);
  }

  /**
   * The configuration without cascade prewarming (the fields before it existed).
   *
   * @param interval see the record
   * @param policy see the record
   * @param measure see the record
   * @param inputSteps see the record
   * @param trainingWindows see the record
   * @param retrainPeriod see the record
   * @param fallbackForecaster see the record
   * @param defaultTrigger see the record
   * @param sizing see the record
   * @param recalibrationWindows see the record
   */
  public PoolSchedulerConfig(Duration interval, PrewarmPolicy policy, TargetMeasure measure, int inputSteps,
      int trainingWindows, Duration retrainPeriod, String fallbackForecaster, TriggerType defaultTrigger,
      PoolSizing sizing, int recalibrationWindows) {
    this(interval, policy, measure, inputSteps, trainingWindows, retrainPeriod, fallbackForecaster, defaultTrigger,
        sizing, recalibrationWindows, CascadeOptions.OFF);
  }

  /**
   * The defaults: 1 minute, quantile 0.9, containers needed, 48 steps, one week, daily, keep-alive, HTTP,
   * per-function sizing, no recalibration, no cascade prewarming.
   *
   * @return the defaults
   */
  public static PoolSchedulerConfig defaults() {
    return new PoolSchedulerConfig(Duration.ofMinutes(1), QuantilePolicy.defaults(), TargetMeasure.CONTAINERS_NEEDED,
        48, 7 * 1440, Duration.ofDays(1), "keep-alive", TriggerType.HTTP, PoolSizing.PER_FUNCTION, 0,
        CascadeOptions.OFF);
  }

  /**
   * A copy with {@code interval} changed.
   *
   * @param interval the new value
   * @return a copy with {@code interval} changed
   */
  public PoolSchedulerConfig withInterval(Duration interval) {
    return new PoolSchedulerConfig(interval, policy, measure, inputSteps, trainingWindows, retrainPeriod,
        fallbackForecaster, defaultTrigger, sizing, recalibrationWindows, cascade);
  }

  /**
   * A copy with {@code policy} changed.
   *
   * @param policy the new value
   * @return a copy with {@code policy} changed
   */
  public PoolSchedulerConfig withPolicy(PrewarmPolicy policy) {
    return new PoolSchedulerConfig(interval, policy, measure, inputSteps, trainingWindows, retrainPeriod,
        fallbackForecaster, defaultTrigger, sizing, recalibrationWindows, cascade);
  }

  /**
   * A copy with {@code measure} changed.
   *
   * @param measure the new value
   * @return a copy with {@code measure} changed
   */
  public PoolSchedulerConfig withMeasure(TargetMeasure measure) {
    return new PoolSchedulerConfig(interval, policy, measure, inputSteps, trainingWindows, retrainPeriod,
        fallbackForecaster, defaultTrigger, sizing, recalibrationWindows, cascade);
  }

  /**
   * A copy with {@code inputSteps} changed.
   *
   * @param inputSteps the new value
   * @return a copy with {@code inputSteps} changed
   */
  public PoolSchedulerConfig withInputSteps(int inputSteps) {
    return new PoolSchedulerConfig(interval, policy, measure, inputSteps, trainingWindows, retrainPeriod,
        fallbackForecaster, defaultTrigger, sizing, recalibrationWindows, cascade);
  }

  /**
   * A copy with {@code trainingWindows} changed.
   *
   * @param trainingWindows the new value
   * @return a copy with {@code trainingWindows} changed
   */
  public PoolSchedulerConfig withTrainingWindows(int trainingWindows) {
    return new PoolSchedulerConfig(interval, policy, measure, inputSteps, trainingWindows, retrainPeriod,
        fallbackForecaster, defaultTrigger, sizing, recalibrationWindows, cascade);
  }

  /**
   * A copy with {@code retrainPeriod} changed.
   *
   * @param retrainPeriod the new value
   * @return a copy with {@code retrainPeriod} changed
   */
  public PoolSchedulerConfig withRetrainPeriod(Duration retrainPeriod) {
    return new PoolSchedulerConfig(interval, policy, measure, inputSteps, trainingWindows, retrainPeriod,
        fallbackForecaster, defaultTrigger, sizing, recalibrationWindows, cascade);
  }

  /**
   * A copy with {@code fallbackForecaster} changed.
   *
   * @param fallbackForecaster the new value
   * @return a copy with {@code fallbackForecaster} changed
   */
  public PoolSchedulerConfig withFallbackForecaster(String fallbackForecaster) {
    return new PoolSchedulerConfig(interval, policy, measure, inputSteps, trainingWindows, retrainPeriod,
        fallbackForecaster, defaultTrigger, sizing, recalibrationWindows, cascade);
  }

  /**
   * A copy with {@code defaultTrigger} changed.
   *
   * @param defaultTrigger the new value
   * @return a copy with {@code defaultTrigger} changed
   */
  public PoolSchedulerConfig withDefaultTrigger(TriggerType defaultTrigger) {
    return new PoolSchedulerConfig(interval, policy, measure, inputSteps, trainingWindows, retrainPeriod,
        fallbackForecaster, defaultTrigger, sizing, recalibrationWindows, cascade);
  }

  /**
   * A copy with {@code sizing} changed.
   *
   * @param sizing the new value
   * @return a copy with {@code sizing} changed
   * @throws IllegalArgumentException if {@code sizing} is {@link PoolSizing#WORKFLOW_CONCURRENCY}
   *     and the measure is not {@link TargetMeasure#INVOCATIONS}
   */
  public PoolSchedulerConfig withSizing(PoolSizing sizing) {
    return new PoolSchedulerConfig(interval, policy, measure, inputSteps, trainingWindows, retrainPeriod,
        fallbackForecaster, defaultTrigger, sizing, recalibrationWindows, cascade);
  }

  /**
   * A copy with {@code recalibrationWindows} changed.
   *
   * @param recalibrationWindows the new value, {@code >= 0}
   * @return a copy with {@code recalibrationWindows} changed
   */
  public PoolSchedulerConfig withRecalibrationWindows(int recalibrationWindows) {
    return new PoolSchedulerConfig(interval, policy, measure, inputSteps, trainingWindows, retrainPeriod,
        fallbackForecaster, defaultTrigger, sizing, recalibrationWindows, cascade);
  }

  /**
   * A copy with {@code cascade} changed.
   *
   * @param cascade the new value
   * @return a copy with {@code cascade} changed
   */
  public PoolSchedulerConfig withCascade(CascadeOptions cascade) {
    return new PoolSchedulerConfig(interval, policy, measure, inputSteps, trainingWindows, retrainPeriod,
        fallbackForecaster, defaultTrigger, sizing, recalibrationWindows, cascade);
  }
}
