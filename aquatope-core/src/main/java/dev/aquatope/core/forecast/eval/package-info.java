/**
 * Forecast accuracy and cost: {@link dev.aquatope.core.forecast.eval.ForecastMetrics} (SMAPE,
 * MAE, central-interval coverage) and {@link dev.aquatope.core.forecast.eval.RollingEvaluation}
 * (fit on the training windows, rolling one-step-ahead forecasts over the test windows, timed).
 */
package dev.aquatope.core.forecast.eval;
