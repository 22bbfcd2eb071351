package dev.aquatope.core.trace;

import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.util.Checks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;

/**
 * Writes series in the compact layout read by {@link CompactTraceReader}
 * ({@code HashFunction,Day,1..1440}), e.g. to keep a few functions of the 150 MB official day
 * files in a small file.
 *
 * <p>Each series must have one-minute windows, start at 00:00 UTC of a trace day (on or after
 * {@link CompactTraceReader#AZURE_2019_DAY1}), cover whole days and hold integer counts. The
 * trigger is not written (the layout has no column for it).
 */
public final class CompactTraceWriter {
  private CompactTraceWriter() {}

  /**
   * Writes the series, one row per function and day, in the given order.
   *
   * @param series the series
   * @param out the stream (wrap it in a {@code GZIPOutputStream} for gzip); flushed, not closed
   * @throws IllegalArgumentException if a series breaks one of the rules above
   * @throws IOException if writing fails
   */
  public static void write(Collection<InvocationSeries> series, OutputStream out) throws IOException {
    Checks.notNull("series", series);
    Checks.notNull("out", out);
    for (InvocationSeries s : series) {
      check(s);
    }
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    StringBuilder header = new StringBuilder("HashFunction,Day");
    for (int m = 1; m <= CompactTraceReader.MINUTES_PER_DAY; m++) {
      header.append(',').append(m);
    }
    w.write(header.append('\n').toString());
    for (InvocationSeries s : series) {
      int firstDay = (int) Duration.between(CompactTraceReader.AZURE_2019_DAY1, s.start()).toDays() + 1;
      int days = s.size() / CompactTraceReader.MINUTES_PER_DAY;
      for (int d = 0; d < days; d++) {
        StringBuilder row = new StringBuilder(s.function().value()).append(",d")
            .append(CompactTraceReader.twoDigits(firstDay + d));
        for (int m = 0; m < CompactTraceReader.MINUTES_PER_DAY; m++) {
          row.append(',').append((long) s.count(d * CompactTraceReader.MINUTES_PER_DAY + m));
        }
        w.write(row.append('\n').toString());
      }
    }
    w.flush();
  }

  private static void check(InvocationSeries s) {
    Checks.notNull("series element", s);
    if (!s.window().equals(Duration.ofMinutes(1))) {
      throw new IllegalArgumentException("series " + s.function() + ": window must be 1 minute, was " + s.window());
    }
    Duration offset = Duration.between(CompactTraceReader.AZURE_2019_DAY1, s.start());
    if (offset.isNegative() || !offset.equals(Duration.ofDays(offset.toDays()))) {
      throw new IllegalArgumentException("series " + s.function() + ": start must be 00:00 UTC of a day on or after "
          + CompactTraceReader.AZURE_2019_DAY1 + ", was " + s.start());
    }
    if (s.size() == 0 || s.size() % CompactTraceReader.MINUTES_PER_DAY != 0) {
      throw new IllegalArgumentException("series " + s.function() + ": must cover whole days, had " + s.size()
          + " windows");
    }
    if (s.function().value().contains(",")) {
      throw new IllegalArgumentException("series " + s.function() + ": function name must not contain ','");
    }
    for (int i = 0; i < s.size(); i++) {
      double c = s.count(i);
      if (c != Math.rint(c)) {
        throw new IllegalArgumentException("series " + s.function() + ": counts[" + i + "] must be an integer, was " + c);
      }
    }
  }
}
