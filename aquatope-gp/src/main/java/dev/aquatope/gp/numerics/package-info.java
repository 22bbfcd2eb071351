/**
 * Numerical building blocks shared by the GP model and the acquisition functions: careful
 * log-space scalar functions ({@link dev.aquatope.gp.numerics.SafeMath}) and a Cholesky
 * decomposition that never throws on near-singular covariance matrices
 * ({@link dev.aquatope.gp.numerics.PsdCholesky}).
 */
package dev.aquatope.gp.numerics;
