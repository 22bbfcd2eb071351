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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads the project's compact per-minute trace layout {@code HashFunction,Day,1..1440}: one row
 * per function and day, {@code Day} written {@code dNN} (or {@code NN}), 1440 non-negative integer
 * counts, minute 1 being 00:00-00:01 UTC of that day.
 *
 * <p>Day {@code d01} is Monday 2019-07-15T00:00Z ({@link #AZURE_2019_DAY1}), as in the Azure
 * Functions 2019 trace. A function's days are concatenated in day order into one per-minute
 * series that starts at 00:00 UTC of its first day; its days must be contiguous (no gap, no
 * duplicate), otherwise the reader fails. The trace has no trigger column, so every series has
 * trigger {@link TriggerType#OTHERS}.
 *
 * <p>Errors: a malformed header or row, a duplicate or missing day raise a
 * {@link TraceFormatException} whose message names the source, line and column.
 *
 * <pre>{@code
 * Map<FunctionId, InvocationSeries> trace = CompactTraceReader.read(Path.of("azure2019_6fn_per_minute.csv.gz"));
 * }</pre>
 */
public final class CompactTraceReader {
  /** Start of day {@code d01} of the Azure Functions 2019 trace: Monday 2019-07-15T00:00Z. */
  public static final Instant AZURE_2019_DAY1 = Instant.parse("2019-07-15T00:00:00Z");
  /** Minutes per day file row. */
  public static final int MINUTES_PER_DAY = 1440;

  private static final int FIRST_COUNT_COLUMN = 2;

  private CompactTraceReader() {}

  /**
   * Reads a compact trace file (plain or gzip-compressed).
   *
   * @param file the file
   * @return the series per function, in order of first appearance
   * @throws TraceFormatException if the file is malformed
   * @throws IOException if the file cannot be read
   */
  public static Map<FunctionId, InvocationSeries> read(Path file) throws IOException {
    return read(file, f -> true);
  }

  /**
   * Reads the functions of a compact trace file that {@code filter} accepts.
   *
   * @param file the file (plain or gzip)
   * @param filter which functions to keep; the others' rows are checked only up to the day column
   * @return the series per kept function, in order of first appearance
   * @throws TraceFormatException if the file is malformed
   * @throws IOException if the file cannot be read
   */
  public static Map<FunctionId, InvocationSeries> read(Path file, Predicate<FunctionId> filter) throws IOException {
    Checks.notNull("file", file);
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.getFileName().toString(), filter);
    }
  }

  /**
   * Reads a compact trace from a stream (plain or gzip-compressed, detected by the magic bytes).
   *
   * @param in the stream; not closed
   * @param sourceName the name used in error messages (e.g. the file name)
   * @return the series per function, in order of first appearance
   * @throws TraceFormatException if the input is malformed
   * @throws IOException if the stream cannot be read
   */
  public static Map<FunctionId, InvocationSeries> read(InputStream in, String sourceName) throws IOException {
    return read(in, sourceName, f -> true);
  }

  /**
   * Reads the functions that {@code filter} accepts from a compact trace stream.
   *
   * @param in the stream (plain or gzip); not closed
   * @param sourceName the name used in error messages
   * @param filter which functions to keep
   * @return the series per kept function, in order of first appearance
   * @throws TraceFormatException if the input is malformed
   * @throws IOException if the stream cannot be read
   */
  public static Map<FunctionId, InvocationSeries> read(InputStream in, String sourceName,
      Predicate<FunctionId> filter) throws IOException {
    Checks.notNull("in", in);
    Checks.nonBlank("sourceName", sourceName);
    Checks.notNull("filter", filter);
    BufferedReader reader = TraceInput.reader(in);
    CsvRow row = new CsvRow(sourceName);
    String header = reader.readLine();
    if (header == null) {
      throw new TraceFormatException(sourceName, 0, "empty input: expected a header 'HashFunction,Day,1,...,1440'");
    }
    checkHeader(row.reset(header, 1));
    Map<FunctionId, TreeMap<Integer, DayRow>> days = new LinkedHashMap<>();
    long lineNumber = 1;
    String line;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      row.reset(line, lineNumber);
      if (row.size() < FIRST_COUNT_COLUMN) {
        throw row.error("expected " + (FIRST_COUNT_COLUMN + MINUTES_PER_DAY) + " columns, found " + row.size());
      }
      FunctionId id = new FunctionId(row.nonBlank(0));
      int day = parseDay(row, 1);
      if (!filter.test(id)) {
        continue;
      }
      row.requireSize(FIRST_COUNT_COLUMN + MINUTES_PER_DAY);
      double[] counts = new double[MINUTES_PER_DAY];
      for (int m = 0; m < MINUTES_PER_DAY; m++) {
        counts[m] = row.count(FIRST_COUNT_COLUMN + m);
      }
      DayRow previous = days.computeIfAbsent(id, k -> new TreeMap<>()).put(day, new DayRow(lineNumber, counts));
      if (previous != null) {
        throw new TraceFormatException(sourceName, lineNumber, "function " + id + " has day d"
            + twoDigits(day) + " twice (lines " + previous.line + " and " + lineNumber + ")");
      }
    }
    Map<FunctionId, InvocationSeries> out = new LinkedHashMap<>();
    for (Map.Entry<FunctionId, TreeMap<Integer, DayRow>> e : days.entrySet()) {
      out.put(e.getKey(), concatenate(sourceName, e.getKey(), e.getValue()));
    }
    return out;
  }

  /** The start instant of day {@code day} (1-based) of the Azure 2019 trace. */
  public static Instant startOfDay(int day) {
    if (day < 1) {
      throw new IllegalArgumentException("day must be >= 1, was " + day);
    }
    return AZURE_2019_DAY1.plus(Duration.ofDays(day - 1L));
  }

  private static InvocationSeries concatenate(String source, FunctionId id, TreeMap<Integer, DayRow> rows)
      throws TraceFormatException {
    int first = rows.firstKey();
    int last = rows.lastKey();
    if (last - first + 1 != rows.size()) {
      StringBuilder missing = new StringBuilder();
      for (int d = first; d <= last; d++) {
        if (!rows.containsKey(d)) {
          missing.append(missing.length() == 0 ? "" : ", ").append('d').append(twoDigits(d));
        }
      }
      throw new TraceFormatException(source, rows.get(last).line, "function " + id + " has days d"
          + twoDigits(first) + "..d" + twoDigits(last) + " that are not contiguous (missing: " + missing + ")");
    }
    double[] all = new double[rows.size() * MINUTES_PER_DAY];
    int k = 0;
    for (DayRow r : rows.values()) {
      System.arraycopy(r.counts, 0, all, k, MINUTES_PER_DAY);
      k += MINUTES_PER_DAY;
    }
    return InvocationSeries.perMinute(id, TriggerType.OTHERS, startOfDay(first), all);
  }

  private static void checkHeader(CsvRow header) throws TraceFormatException {
    if (header.size() != FIRST_COUNT_COLUMN + MINUTES_PER_DAY) {
      throw header.error("header: expected " + (FIRST_COUNT_COLUMN + MINUTES_PER_DAY)
          + " columns 'HashFunction,Day,1,...,1440', found " + header.size());
    }
    if (!header.field(0).replace("\uFEFF", "").equals("HashFunction")) {
      throw header.error(0, "header: expected 'HashFunction'");
    }
    if (!header.field(1).equals("Day")) {
      throw header.error(1, "header: expected 'Day'");
    }
    checkMinuteHeader(header, FIRST_COUNT_COLUMN);
  }

  /** Checks that columns {@code from..from+1439} of a header are named {@code 1..1440}. */
  static void checkMinuteHeader(CsvRow header, int from) throws TraceFormatException {
    for (int m = 0; m < MINUTES_PER_DAY; m++) {
      if (!header.field(from + m).equals(Integer.toString(m + 1))) {
        throw header.error(from + m, "header: expected minute column '" + (m + 1) + "'");
      }
    }
  }

  private static int parseDay(CsvRow row, int column) throws TraceFormatException {
    String s = row.field(column);
    String digits = s.startsWith("d") || s.startsWith("D") ? s.substring(1) : s;
    if (digits.isEmpty() || digits.length() > 4 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw row.error(column, "not a day ('dNN', e.g. 'd01')");
    }
    int day = Integer.parseInt(digits);
    if (day < 1) {
      throw row.error(column, "day must be >= 1");
    }
    return day;
  }

  static String twoDigits(int day) {
    return day < 10 ? "0" + day : Integer.toString(day);
  }

  private record DayRow(long line, double[] counts) {}
}
