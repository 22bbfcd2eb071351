/**
 * Baseline optimizers behind the same SPI, for comparison: Sobol random search
 * ({@code "random"}) and CLITE-style Bayesian optimization on a hand-made score
 * ({@code "clite"}).
 */
package dev.aquatope.gp.baseline;
