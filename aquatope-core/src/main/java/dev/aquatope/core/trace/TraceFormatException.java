package dev.aquatope.core.trace;

import java.io.IOException;

/**
 * A trace file is malformed: thrown by every reader of this package with a message of the form
 * {@code "file.csv:17: column 9 ('x1'): not a non-negative integer"}.
 *
 * <p>It is an {@link IOException} because it describes bad input data, not a programming error.
 */
public final class TraceFormatException extends IOException {
  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /** The input's label. */
  private final String source;
  /** The 1-based line, or 0. */
  private final long line;
  /** The 1-based column, or 0. */
  private final int column;

  /**
   * A problem with one field of one line.
   *
   * @param source the file name (or another label of the input)
   * @param line the 1-based line number
   * @param column the 1-based column number
   * @param value the offending text
   * @param problem what is wrong with it
   */
  public TraceFormatException(String source, long line, int column, String value, String problem) {
    super(source + ":" + line + ": column " + column + " ('" + abbreviate(value) + "'): " + problem);
    this.source = source;
    this.line = line;
    this.column = column;
  }

  /**
   * A problem with a whole line (or, with {@code line == 0}, with the whole input).
   *
   * @param source the file name
   * @param line the 1-based line number, or 0 if the problem is not tied to one line
   * @param problem what is wrong
   */
  public TraceFormatException(String source, long line, String problem) {
    super(line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem);
    this.source = source;
    this.line = line;
    this.column = 0;
  }

  /** The file name (or label) of the input. */
  public String source() {
    return source;
  }

  /** The 1-based line number, or 0 if the problem is not tied to one line. */
  public long line() {
    return line;
  }

  /** The 1-based column number, or 0 if the problem is not tied to one column. */
  public int column() {
    return column;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 37) + "...";
  }
}
