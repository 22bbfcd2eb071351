/**
 * Quasi-Monte Carlo sampling: a bit-exact port of {@code torch.quasirandom.SobolEngine}
 * (Joe-Kuo direction numbers, linear matrix scrambling and digital shift from MT19937 bits) and
 * the fixed standard-normal base samples that BoTorch's {@code SobolQMCNormalSampler} derives
 * from it through the inverse normal CDF.
 */
package dev.aquatope.gp.sampling;
