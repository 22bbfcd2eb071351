package dev.aquatope.nn.train;

/** Receives the losses after every training epoch (e.g. to print them). */
@FunctionalInterface
public interface EpochListener {
  /** A listener that ignores everything. */
  EpochListener NONE = s -> { };

  /**
   * Called after each epoch, on the training thread.
   *
   * @param stats the epoch's losses
   */
  void onEpoch(EpochStats stats);
}
