/**
 * Maximization of an acquisition function over the discrete grid of a
 * {@link dev.aquatope.core.model.ConfigSpace}: raw Sobol candidates, the best few refined by local
 * moves on the grid ({@link dev.aquatope.gp.optim.GridAcquisitionOptimizer}), and sequential
 * greedy batch selection ({@link dev.aquatope.gp.optim.SequentialGreedyBatch}).
 *
 * <p>This package sees only {@link dev.aquatope.gp.acquisition.AcquisitionFunction}; it knows
 * nothing about Gaussian processes.
 */
package dev.aquatope.gp.optim;
