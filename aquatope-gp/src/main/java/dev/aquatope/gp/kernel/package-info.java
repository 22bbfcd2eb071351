/**
 * Stationary ARD covariance functions (Matérn-5/2 and RBF) with a signal variance, their kernel
 * matrices and their analytic derivatives with respect to the hyperparameters.
 */
package dev.aquatope.gp.kernel;
