package dev.aquatope.nn.data;

/**
 * The chronological part of a series a sample's target window falls in: the first 80% of each
 * series trains, the next 10% validates (early stopping, noise estimate), the last 10% tests.
 */
public enum Split {
  /** Windows {@code [0, 0.8 n)}: weights and normalization are fitted here. */
  TRAIN,
  /** Windows {@code [0.8 n, 0.9 n)}: early stopping and the noise-variance estimate. */
  VALIDATION,
  /** Windows {@code [0.9 n, n)}: held out, only reported. */
  TEST;

  /** Fraction of each series before the validation split. */
  public static final double TRAIN_FRACTION = 0.8;
  /** Fraction of each series before the test split. */
  public static final double VALIDATION_END_FRACTION = 0.9;

  /**
   * First window of this split in a series of {@code n} windows.
   *
   * @param n the series length
   * @return the index of the split's first window
   */
  public int start(int n) {
    return switch (this) {
      case TRAIN -> 0;
      case VALIDATION -> (int) Math.floor(TRAIN_FRACTION * n);
      case TEST -> (int) Math.floor(VALIDATION_END_FRACTION * n);
    };
  }

  /**
   * One past the last window of this split in a series of {@code n} windows.
   *
   * @param n the series length
   * @return the end (exclusive)
   */
  public int end(int n) {
    return switch (this) {
      case TRAIN -> VALIDATION.start(n);
      case VALIDATION -> TEST.start(n);
      case TEST -> n;
    };
  }

  /**
   * Fewest windows a series needs so that one sample (an input window followed by its target
   * horizon) fits both in the validation split and in the training split.
   *
   * @param inputSteps windows of a sample's input
   * @param outputSteps windows of a sample's target horizon
   * @return the minimum series length
   */
  public static int minSeriesWindows(int inputSteps, int outputSteps) {
    int val = (int) Math.ceil((outputSteps + 1) / (VALIDATION_END_FRACTION - TRAIN_FRACTION)) + 1;
    int train = (int) Math.ceil((inputSteps + outputSteps + 1) / TRAIN_FRACTION) + 1;
    return Math.max(val, train);
  }
}
