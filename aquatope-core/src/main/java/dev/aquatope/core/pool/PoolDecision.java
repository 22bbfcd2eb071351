package dev.aquatope.core.pool;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.util.Checks;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * What the pool scheduler decided for one function at one tick, and why.
 *
 * @param function the function
 * @param at the tick's time (start of the forecast window)
 * @param forecaster the name of the forecaster that produced the forecast (the main one or the
 *     fallback)
 * @param mean the forecast mean of the next window's count
 * @param std the forecast standard deviation
 * @param ownTarget the policy's target from the function's own forecast (empty under
 *     {@link PrewarmPolicy#NULL})
 * @param target the target set on the platform: the maximum of the own target, the prediction
 *     from upstream stages and any minimum requested by the resource manager (empty if none)
 * @param reason why, e.g. {@code "quantile 0.9"}, {@code "fallback: history 12 < 48; quantile 0.9"},
 *     {@code "downstream of split: 2.00 x 30 = 60.0"}
 */
public record PoolDecision(FunctionId function, Instant at, String forecaster, double mean, double std,
    OptionalInt ownTarget, OptionalInt target, String reason) {

  /** Validates the fields. */
  public PoolDecision {
    Checks.notNull("function", function);
    Checks.notNull("at", at);
    Checks.nonBlank("forecaster", forecaster);
    Checks.nonNegative("mean", mean);
    Checks.nonNegative("std", std);
    Checks.notNull("ownTarget", ownTarget);
    Checks.notNull("target", target);
    Checks.nonBlank("reason", reason);
  }
}
