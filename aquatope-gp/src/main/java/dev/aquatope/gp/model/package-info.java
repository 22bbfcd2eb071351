/**
 * Exact Gaussian-process regression as BoTorch's {@code SingleTaskGP}: constant mean, ARD kernel,
 * standardized outputs, fixed per-point or learned homoscedastic noise, MAP hyperparameters under
 * one of two versioned prior sets, posterior (joint) moments, leave-one-out predictions and the
 * cached baseline posterior that the acquisition functions use; optionally around a structured
 * {@link dev.aquatope.gp.model.PriorMean} (the GP then models the residual).
 */
package dev.aquatope.gp.model;
