/**
 * Forecasting support shared by the {@link dev.aquatope.core.spi.InvocationForecaster}
 * implementations: {@link dev.aquatope.core.forecast.AbstractForecaster} (validation, atomic state
 * swap, batched rolling forecasts, JSON persistence) and
 * {@link dev.aquatope.core.forecast.ForecasterJson} (the saved-state envelope).
 *
 * <p>Sub-packages: {@code baseline} (keep-alive, hybrid histogram, FFT, ARIMA forecasters and
 * their providers), {@code arima} (ARIMA fitting by conditional sum of squares) and {@code eval}
 * (SMAPE, MAE, interval coverage and rolling evaluation).
 */
package dev.aquatope.core.forecast;
