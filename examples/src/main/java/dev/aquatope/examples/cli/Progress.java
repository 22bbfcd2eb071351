package dev.aquatope.examples.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on stderr for long subcommands (stdout stays clean for {@code --json}). A
 * disabled instance does nothing, so commands call it unconditionally.
 */
public final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /**
   * Starts a bar.
   *
   * @param enabled false for a no-op bar (tests, {@code --no-progress})
   * @param task the label
   * @param total number of steps
   * @return the bar; close it when done
   */
  public static Progress start(boolean enabled, String task, long total) {
    if (!enabled) {
      return new Progress(null);
    }
    return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .setUpdateIntervalMillis(500).build());
  }

  /** Advances by {@code n} steps. */
  public void stepBy(long n) {
    if (bar != null) {
      bar.stepBy(n);
    }
  }

  /** Sets the extra message shown after the bar. */
  public void message(String msg) {
    if (bar != null) {
      bar.setExtraMessage(msg);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
