package dev.aquatope.core.trace;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import dev.aquatope.core.util.Checks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the Azure Functions Invocation Trace 2021 (one row per invocation:
 * {@code app,func,end_timestamp,duration}, both in seconds from the trace's t=0) and aggregates it
 * to per-minute invocation counts per function.
 *
 * <p>An invocation is counted in the minute in which it started, {@code floor((end - duration) /
 * 60)}. One that started before t=0 (it was running when the trace began) is counted in minute 0.
 * Every series starts at {@link Builder#start} (default {@link #AZURE_2021_START}) and all have
 * the same length, up to the last minute in which any invocation of the file started, so that
 * series of different functions align. A function is keyed {@code app + "/" + func}, because the
 * dataset's {@code func} is unique only within an application. The trace has no trigger column:
 * every series has trigger {@link TriggerType#OTHERS}.
 *
 * <p>Streaming: only the selected functions' per-minute counts are kept.
 */
public final class Azure2021TraceReader {
  /** The trace covers two weeks from 2021-01-31 (its timestamps were shifted by the publisher). */
  public static final Instant AZURE_2021_START = Instant.parse("2021-01-31T00:00:00Z");

  private final Instant start;
  private final Predicate<FunctionId> filter;

  private Azure2021TraceReader(Builder b) {
    this.start = b.start;
    this.filter = b.filter;
  }

  /** A builder: start {@link #AZURE_2021_START}, every function. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Reads a trace file (plain or gzip).
   *
   * @param file the file
   * @return per-minute series per selected function, in order of first appearance
   * @throws TraceFormatException if a row is malformed
   * @throws IOException if reading fails
   */
  public Map<FunctionId, InvocationSeries> read(Path file) throws IOException {
    Checks.notNull("file", file);
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.getFileName().toString());
    }
  }

  /**
   * Reads a trace from a stream (plain or gzip).
   *
   * @param in the stream; not closed
   * @param sourceName name for error messages
   * @return per-minute series per selected function, in order of first appearance
   * @throws TraceFormatException if a row is malformed
   * @throws IOException if reading fails
   */
  public Map<FunctionId, InvocationSeries> read(InputStream in, String sourceName) throws IOException {
    Checks.notNull("in", in);
    Checks.nonBlank("sourceName", sourceName);
    BufferedReader reader = TraceInput.reader(in);
    CsvRow row = new CsvRow(sourceName);
    String header = reader.readLine();
    if (header == null) {
      throw new TraceFormatException(sourceName, 0, "empty input: expected a header 'app,func,end_timestamp,duration'");
    }
    row.reset(header, 1);
    String[] names = {"app", "func", "end_timestamp", "duration"};
    row.requireSize(names.length);
    for (int i = 0; i < names.length; i++) {
      if (!row.field(i).replace("\uFEFF", "").equals(names[i])) {
        throw row.error(i, "header: expected '" + names[i] + "'");
      }
    }
    Map<FunctionId, double[]> counts = new LinkedHashMap<>();
    int minutes = 0;
    long lineNumber = 1;
    String line;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      row.reset(line, lineNumber);
      row.requireSize(names.length);
      FunctionId id = new FunctionId(row.nonBlank(0) + "/" + row.nonBlank(1));
      double end = row.nonNegativeDouble(2);
      double duration = row.nonNegativeDouble(3);
      if (!filter.test(id)) {
        continue;
      }
      double startSeconds = end - duration;
      long minute = startSeconds <= 0 ? 0 : (long) Math.floor(startSeconds / 60.0);
      if (minute >= Integer.MAX_VALUE - 8) {
        throw row.error(2, "timestamp too large");
      }
      int m = (int) minute;
      double[] c = counts.get(id);
      if (c == null) {
        c = new double[Math.max(64, m + 1)];
        counts.put(id, c);
      } else if (m >= c.length) {
        c = Arrays.copyOf(c, Math.max(m + 1, c.length * 2));
        counts.put(id, c);
      }
      c[m]++;
      minutes = Math.max(minutes, m + 1);
    }
    Map<FunctionId, InvocationSeries> out = new LinkedHashMap<>();
    for (Map.Entry<FunctionId, double[]> e : counts.entrySet()) {
      out.put(e.getKey(), InvocationSeries.perMinute(e.getKey(), TriggerType.OTHERS, start,
          Arrays.copyOf(e.getValue(), minutes)));
    }
    return out;
  }

  /** Builds an {@link Azure2021TraceReader}; each option may be set once. */
  public static final class Builder {
    private Instant start = AZURE_2021_START;
    private boolean startSet;
    private Predicate<FunctionId> filter = f -> true;
    private boolean filterSet;

    private Builder() {}

    /**
     * The instant of the trace's t=0, i.e. the start of minute 0.
     *
     * @param start the instant
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder start(Instant start) {
      Checks.notNull("start", start);
      if (startSet) {
        throw new IllegalStateException("start was already set");
      }
      this.start = start;
      this.startSet = true;
      return this;
    }

    /**
     * Reads only the functions ({@code app/func}) that {@code predicate} accepts.
     *
     * @param predicate the selection
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder filter(Predicate<FunctionId> predicate) {
      Checks.notNull("predicate", predicate);
      if (filterSet) {
        throw new IllegalStateException("the function filter was already set");
      }
      this.filter = predicate;
      this.filterSet = true;
      return this;
    }

    /** The reader. */
    public Azure2021TraceReader build() {
      return new Azure2021TraceReader(this);
    }
  }
}
