/**
 * ARIMA(p, d, q) models fitted by conditional sum of squares (CSS) with Commons Math's
 * Nelder-Mead optimizer, and order selection by AIC over a small grid.
 *
 * <p>Model, on the {@code d}-times differenced series {@code w}:
 * {@code w_t - mu = sum_i phi_i (w_{t-i} - mu) + e_t + sum_j theta_j e_{t-j}}, with white-noise
 * {@code e_t} of variance {@code sigma2}. See {@link dev.aquatope.core.forecast.arima.ArimaFitter}.
 */
package dev.aquatope.core.forecast.arima;
