package dev.aquatope.core.forecast.eval;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.util.Checks;
import java.util.OptionalDouble;

/**
 * The outcome of one {@link RollingEvaluation} of one forecaster on one function.
 *
 * @param forecaster the forecaster's name
 * @param function the function
 * @param trainWindows windows used for training (0 if the forecaster was used as given)
 * @param testWindows windows forecast
 * @param smape SMAPE as a fraction in [0, 2] (see {@link ForecastMetrics#smape})
 * @param smapeRounded SMAPE of the means rounded to integers (see {@link ForecastMetrics#smapeOfRounded})
 * @param mae mean absolute error
 * @param coverage90 fraction of actual counts inside the central 90% interval; empty for point forecasters
 * @param trainMillis wall time of {@code fit}, in ms (0 if not trained here)
 * @param rollingMillisPerForecast wall time of {@code forecastRolling} divided by the test windows, ms
 * @param medianLatencyMillis median wall time of a single {@code forecast} call, ms
 * @param p99LatencyMillis 99th percentile of the same, ms
 */
public record EvaluationResult(String forecaster, FunctionId function, int trainWindows, int testWindows,
    double smape, double smapeRounded, double mae, OptionalDouble coverage90, double trainMillis, double rollingMillisPerForecast,
    double medianLatencyMillis, double p99LatencyMillis) {
  /** Validates every field. */
  public EvaluationResult {
    Checks.nonBlank("forecaster", forecaster);
    Checks.notNull("function", function);
    Checks.nonNegative("trainWindows", trainWindows);
    Checks.positive("testWindows", testWindows);
    Checks.nonNegative("smape", smape);
    Checks.nonNegative("smapeRounded", smapeRounded);
    Checks.nonNegative("mae", mae);
    Checks.notNull("coverage90", coverage90);
    coverage90.ifPresent(c -> Checks.probability("coverage90", c));
    Checks.nonNegative("trainMillis", trainMillis);
    Checks.nonNegative("rollingMillisPerForecast", rollingMillisPerForecast);
    Checks.nonNegative("medianLatencyMillis", medianLatencyMillis);
    Checks.nonNegative("p99LatencyMillis", p99LatencyMillis);
  }
}
