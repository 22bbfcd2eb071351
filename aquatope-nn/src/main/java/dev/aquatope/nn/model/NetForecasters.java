package dev.aquatope.nn.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.util.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the two ND4J forecasters ({@link HybridBayesianForecaster}, {@link LstmForecaster}) share
 * around their networks: the fitted-state guard, chunked rolling forecasts, and saving and loading
 * a {@link ModelFile} whose metadata is a JSON record.
 */
final class NetForecasters {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NetForecasters() {}

  /** Forecasts of the target windows {@code [from, to)} of one series, computed in one batch. */
  @FunctionalInterface
  interface RangeForecaster {
    /**
     * The forecasts.
     *
     * @param from first target window
     * @param to one past the last target window
     * @return one forecast per target window
     */
    List<Forecast> forecast(int from, int to);
  }

  /** A loaded model file: its metadata record and its weight arrays. */
  record Loaded<M>(M meta, Map<String, INDArray> arrays) {}

  /**
   * The fitted state, or the forecasters' "forecast before fit" exception.
   *
   * @param state the current state, null before fit
   * @param name the forecaster name
   * @param <S> the state type
   * @return {@code state}
   * @throws IllegalStateException if {@code state} is null
   */
  static <S> S fitted(S state, String name) {
    if (state == null) {
      throw new IllegalStateException(name + ": forecast before fit (call fit or load a saved model)");
    }
    return state;
  }

  /**
   * Validates {@code forecastRolling}'s arguments and forecasts {@code [from, series.size())} in
   * chunks of {@code chunk} windows.
   *
   * @param series the series
   * @param from first target window, in {@code [minHistory, series.size()]}
   * @param minHistory the forecaster's minimum history
   * @param chunk windows per batch
   * @param range forecasts one batch
   * @return one forecast per window
   * @throws IllegalArgumentException if {@code series} is null or {@code from} is out of range
   */
  static List<Forecast> rolling(InvocationSeries series, int from, int minHistory, int chunk,
      RangeForecaster range) {
    Checks.notNull("series", series);
    if (from < minHistory || from > series.size()) {
      throw new IllegalArgumentException("from must be in [" + minHistory + ", " + series.size() + "], was " + from);
    }
    List<Forecast> out = new ArrayList<>(series.size() - from);
    for (int t = from; t < series.size(); t += chunk) {
      out.addAll(range.forecast(t, Math.min(series.size(), t + chunk)));
    }
    return out;
  }

  /**
   * Writes a model file.
   *
   * @param out the stream; not closed
   * @param name the forecaster name
   * @param meta the JSON metadata record
   * @param arrays the weights
   * @throws IOException if writing fails
   */
  static void save(OutputStream out, String name, Object meta, Map<String, INDArray> arrays) throws IOException {
    Checks.notNull("out", out);
    ModelFile.write(out, name, JSON.writeValueAsBytes(meta), arrays);
  }

  /**
   * Reads a model file written by {@link #save} for forecaster {@code name}.
   *
   * @param in the stream; not closed
   * @param name the expected forecaster name
   * @param metaType the metadata record's class
   * @param <M> the metadata type
   * @return the metadata and the weights
   * @throws IOException if reading fails, the stream is not {@code name}'s model or its metadata is invalid
   */
  static <M> Loaded<M> load(InputStream in, String name, Class<M> metaType) throws IOException {
    Checks.notNull("in", in);
    ModelFile.Contents file = ModelFile.read(in, name);
    try {
      return new Loaded<>(JSON.readValue(file.json(), metaType), file.arrays());
    } catch (IllegalArgumentException e) {
      throw new IOException("bad model metadata: " + e.getMessage(), e);
    }
  }

  /** The exception for weights that do not fit the networks rebuilt from the saved configuration. */
  static IOException weightsMismatch(IllegalArgumentException e) {
    return new IOException("model weights do not match its configuration: " + e.getMessage(), e);
  }
}
