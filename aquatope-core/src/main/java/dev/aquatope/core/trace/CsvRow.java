package dev.aquatope.core.trace;

/**
 * One comma-separated line split into fields without allocating a string per field, with parsers
 * that report the file, line and column of a bad value. Package-private: a small, fast tokenizer
 * for the trace layouts (no quoting), because a day file has 46,000 rows of 1,444 fields and a
 * general CSV library would allocate a string per field.
 */
final class CsvRow {
  private final String source;
  private String text = "";
  private long lineNumber;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int size;

  CsvRow(String source) {
    this.source = source;
  }

  /** Splits {@code line} (line number {@code lineNumber}) into fields. */
  CsvRow reset(String line, long lineNumber) {
    this.text = line;
    this.lineNumber = lineNumber;
    int n = line.length();
    // tolerate a Windows line ending
    if (n > 0 && line.charAt(n - 1) == '\r') {
      n--;
    }
    size = 0;
    int start = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || line.charAt(i) == ',') {
        if (size == starts.length) {
          starts = java.util.Arrays.copyOf(starts, size * 2);
          ends = java.util.Arrays.copyOf(ends, size * 2);
        }
        starts[size] = start;
        ends[size] = i;
        size++;
        start = i + 1;
      }
    }
    return this;
  }

  /** Number of fields. */
  int size() {
    return size;
  }

  long lineNumber() {
    return lineNumber;
  }

  String source() {
    return source;
  }

  /** Field {@code i} (0-based) as a string, trimmed. */
  String field(int i) {
    return text.substring(starts[i], ends[i]).trim();
  }

  /** Throws unless the row has exactly {@code expected} fields. */
  void requireSize(int expected) throws TraceFormatException {
    if (size != expected) {
      throw new TraceFormatException(source, lineNumber, "expected " + expected + " columns, found " + size);
    }
  }

  /** Field {@code i} (0-based) as a non-blank string. */
  String nonBlank(int i) throws TraceFormatException {
    String s = field(i);
    if (s.isEmpty()) {
      throw error(i, "empty value");
    }
    return s;
  }

  /** Field {@code i} (0-based) parsed as a non-negative integer count (no sign, digits only). */
  long count(int i) throws TraceFormatException {
    int from = starts[i];
    int to = ends[i];
    while (from < to && text.charAt(from) == ' ') {
      from++;
    }
    while (to > from && text.charAt(to - 1) == ' ') {
      to--;
    }
    if (from == to) {
      throw error(i, "not a non-negative integer");
    }
    long v = 0;
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (c < '0' || c > '9' || v > (Long.MAX_VALUE - 9) / 10) {
        throw error(i, "not a non-negative integer");
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Field {@code i} (0-based) parsed as a finite double {@code >= 0}. */
  double nonNegativeDouble(int i) throws TraceFormatException {
    String s = field(i);
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw error(i, "not a number");
    }
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw error(i, "not a finite number >= 0");
    }
    return v;
  }

  /** An exception about field {@code i} (0-based; reported 1-based). */
  TraceFormatException error(int i, String problem) {
    return new TraceFormatException(source, lineNumber, i + 1, field(i), problem);
  }

  /** An exception about the whole line. */
  TraceFormatException error(String problem) {
    return new TraceFormatException(source, lineNumber, problem);
  }
}
