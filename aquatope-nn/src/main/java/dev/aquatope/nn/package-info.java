/**
 * DL4J/ND4J forecasters of per-window invocation counts: the hybrid Bayesian network
 * ({@code "hybrid-bnn"}: LSTM encoder-decoder pre-training, an MLP prediction network over the
 * frozen encoder's state and external features, MC-dropout uncertainty) and a vanilla LSTM
 * baseline ({@code "lstm"}). Both register as
 * {@link dev.aquatope.core.spi.InvocationForecaster.Provider} services.
 */
package dev.aquatope.nn;
