package dev.aquatope.core.spi;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.InvocationSeries;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Predicts the count (invocations, or containers needed) of a function's next window, with
 * uncertainty.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>{@link #fit} trains on a history; it may be called again to retrain. It throws
 *       {@link IllegalArgumentException} if the history is shorter than {@link #minHistory()}
 *       windows.
 *   <li>{@link #forecast} predicts window {@code recent.size()} (the one right after the last
 *       window of {@code recent}) from the windows of {@code recent}. It throws
 *       {@link IllegalStateException} before the first {@code fit}, and
 *       {@link IllegalArgumentException} if {@code recent} has fewer than {@link #minHistory()}
 *       windows.
 *   <li>Thread-safety: {@code forecast} may be called concurrently from many threads. A
 *       {@code fit} running concurrently does not disturb them: implementations swap the trained
 *       state atomically when training ends, so readers see either the old or the new model.
 *   <li>Persistence: {@link #save} writes the trained state (weights, normalization, noise
 *       estimate, configuration); {@link Provider#load} restores a forecaster that forecasts
 *       exactly the same numbers.
 *   <li>Determinism: given the same seed, configuration and data, {@code fit} produces the same
 *       model.
 * </ul>
 */
public interface InvocationForecaster {
  /** The name under which the {@link Provider} registers this implementation, e.g. {@code "hybrid-bnn"}. */
  String name();

  /** The fewest windows that {@link #fit} and {@link #forecast} accept. */
  int minHistory();

  /** Whether {@link #fit} has completed at least once (or the state was loaded). */
  boolean isFitted();

  /**
   * Trains on one or more histories (e.g. several functions, or one function's days).
   *
   * @param history training series; each at least {@link #minHistory()} windows
   * @throws IllegalArgumentException if the history is empty or too short
   */
  void fit(List<InvocationSeries> history);

  /** Trains on one series. */
  default void fit(InvocationSeries history) {
    fit(List.of(history));
  }

  /**
   * Forecasts the window after the last window of {@code recent}.
   *
   * @param recent the function's history up to now
   * @return the predictive distribution of the next window's count
   */
  Forecast forecast(InvocationSeries recent);

  /**
   * Rolling one-step-ahead forecasts: for every {@code t} in {@code [from, series.size())}, the
   * forecast of window {@code t} from windows {@code [0, t)}, without retraining. Implementations
   * may batch the work; the default calls {@link #forecast} per step.
   *
   * @param series the history including the windows to forecast
   * @param from first window to forecast, {@code >= minHistory()}
   * @return {@code series.size() - from} forecasts
   */
  default List<Forecast> forecastRolling(InvocationSeries series, int from) {
    if (from < minHistory() || from > series.size()) {
      throw new IllegalArgumentException("from must be in [" + minHistory() + ", " + series.size() + "], was " + from);
    }
    List<Forecast> out = new ArrayList<>(series.size() - from);
    for (int t = from; t < series.size(); t++) {
      out.add(forecast(series.slice(0, t)));
    }
    return out;
  }

  /**
   * Writes the trained state.
   *
   * @param out the stream; not closed
   * @throws IOException if writing fails
   * @throws IllegalStateException if the forecaster is not fitted
   */
  void save(OutputStream out) throws IOException;

  /** Creates forecasters of one kind; registered for {@link java.util.ServiceLoader}. */
  interface Provider {
    /** The forecaster's name, e.g. {@code "hybrid-bnn"}, {@code "fft"}. */
    String name();

    /**
     * A new, unfitted forecaster with default settings.
     *
     * @param seed seed of every random choice the forecaster makes
     * @return the forecaster
     */
    InvocationForecaster create(long seed);

    /**
     * A new, unfitted forecaster with settings given as strings (e.g. from a command line); each
     * implementation documents its keys. The default accepts no options: an empty map gives
     * {@link #create(long)}.
     *
     * @param seed seed of every random choice the forecaster makes
     * @param options settings by key; not modified
     * @return the forecaster
     * @throws IllegalArgumentException if {@code options} is null, has a key this implementation
     *     does not know (the message names it) or a value it cannot use
     */
    default InvocationForecaster create(long seed, Map<String, String> options) {
      ProviderOptions.requireNone(name(), options);
      return create(seed);
    }

    /**
     * Restores a forecaster saved with {@link InvocationForecaster#save}.
     *
     * @param in the stream; not closed
     * @return the restored, fitted forecaster
     * @throws IOException if reading fails or the data is not this provider's format
     */
    InvocationForecaster load(InputStream in) throws IOException;
  }
}
