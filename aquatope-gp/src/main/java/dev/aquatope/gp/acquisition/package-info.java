/**
 * Monte Carlo acquisition functions over the GP surrogates: constrained qNoisyExpectedImprovement
 * and its log form qLogNEI with BoTorch 0.12 semantics (cached baseline root, common random
 * numbers from a fixed Sobol-normal sampler, baseline pruning, pending points). Convention: the
 * optimizer minimizes cost, so the acquisition's objective is {@code -cost}; a constraint
 * {@code g(x) = latency(x) - bound <= 0} is feasible.
 */
package dev.aquatope.gp.acquisition;
