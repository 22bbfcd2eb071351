/**
 * The minibatch training loop with early stopping on the validation loss, seeded dropout masks,
 * and the per-epoch listener the {@code train-forecaster} command prints from.
 */
package dev.aquatope.nn.train;
