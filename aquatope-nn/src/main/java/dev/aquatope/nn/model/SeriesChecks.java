package dev.aquatope.nn.model;

import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.util.Checks;
import java.util.List;

/** Argument checks shared by the forecasters. */
final class SeriesChecks {
  private SeriesChecks() {}

  /**
   * Checks a training history.
   *
   * @param name forecaster name, for messages
   * @param history the series
   * @param minWindows fewest windows each series needs
   * @throws IllegalArgumentException if the list is null or empty, holds null, or a series is
   *     shorter than {@code minWindows}
   */
  static void history(String name, List<InvocationSeries> history, int minWindows) {
    Checks.notNull("history", history);
    if (history.isEmpty()) {
      throw new IllegalArgumentException(name + ": history must hold at least one series");
    }
    for (int i = 0; i < history.size(); i++) {
      InvocationSeries s = history.get(i);
      Checks.notNull("history[" + i + "]", s);
      if (s.size() < minWindows) {
        throw new IllegalArgumentException(name + ": history[" + i + "] (function " + s.function() + ") has "
            + s.size() + " windows; fit needs at least " + minWindows
            + " (input window, decoder horizon and a 80/10/10 chronological split)");
      }
    }
  }

  /**
   * Checks the input of a forecast.
   *
   * @param name forecaster name, for messages
   * @param recent the series
   * @param inputSteps windows the model reads
   * @throws IllegalArgumentException if {@code recent} is null or too short
   */
  static void recent(String name, InvocationSeries recent, int inputSteps) {
    Checks.notNull("recent", recent);
    if (recent.size() < inputSteps) {
      throw new IllegalArgumentException(name + ": recent has " + recent.size() + " windows; forecast needs at least "
          + inputSteps + " (the model's input window)");
    }
  }
}
