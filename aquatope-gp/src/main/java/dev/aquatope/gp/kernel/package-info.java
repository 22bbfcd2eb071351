/**
 * Stationary covariance functions: ARD Matérn-5/2 and RBF with a signal variance
 * ({@link dev.aquatope.gp.kernel.ArdKernel}) and sums of them over groups of dimensions
 * ({@link dev.aquatope.gp.kernel.AdditiveKernel}), their kernel matrices and their analytic
 * derivatives with respect to the hyperparameters.
 */
package dev.aquatope.gp.kernel;
