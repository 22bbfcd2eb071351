/**
 * Constrained batch Bayesian optimization of serverless workflow resources:
 * {@link dev.aquatope.gp.GpBatchOptimizer} (ServiceLoader name {@code "gp-qnei"}), its options,
 * and its provider. The sub-packages hold the Gaussian process ({@code model}, {@code kernel},
 * {@code numerics}), quasi-random sampling ({@code sampling}), the acquisition
 * ({@code acquisition}), its maximization on the grid ({@code optim}), the outlier filter
 * ({@code anomaly}), baselines ({@code baseline}) and state persistence ({@code state}).
 */
package dev.aquatope.gp;
