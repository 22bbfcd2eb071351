/**
 * Baseline {@link dev.aquatope.core.spi.InvocationForecaster}s, each registered with a
 * {@code Provider} for {@link java.util.ServiceLoader}:
 * <ul>
 *   <li>{@code "keep-alive"}: {@link dev.aquatope.core.forecast.baseline.KeepAliveForecaster},
 *       the next window repeats the last one;
 *   <li>{@code "histogram"}: {@link dev.aquatope.core.forecast.baseline.HistogramPolicyForecaster},
 *       the hybrid histogram policy of "Serverless in the Wild" (ATC'20) turned into a count forecast;
 *   <li>{@code "fft"}: {@link dev.aquatope.core.forecast.baseline.FftForecaster}, IceBreaker-style
 *       harmonic extrapolation of the last 60 windows;
 *   <li>{@code "arima"}: {@link dev.aquatope.core.forecast.baseline.ArimaForecaster}, ARIMA with
 *       the order chosen by AIC.
 * </ul>
 */
package dev.aquatope.core.forecast.baseline;
