package dev.aquatope.core.trace;

import java.io.IOException;

/**
 * A trace file does not match its {@link DayFileManifest} entry (size or SHA-256), or is not
 * listed in the manifest at all. The message names the file, the field, and the expected and
 * actual values.
 */
public final class TraceVerificationException extends IOException {
  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /** The file name. */
  private final String file;
  /** The compared field. */
  private final String field;
  /** The manifest's value. */
  private final String expected;
  /** The file's value. */
  private final String actual;

  /**
   * Creates the exception.
   *
   * @param file the file name
   * @param field what was compared ({@code "size_bytes"}, {@code "sha256"}, {@code "listed"})
   * @param expected the manifest's value
   * @param actual the file's value
   */
  public TraceVerificationException(String file, String field, String expected, String actual) {
    super(file + ": " + field + " does not match the manifest: expected " + expected + ", actual " + actual);
    this.file = file;
    this.field = field;
    this.expected = expected;
    this.actual = actual;
  }

  /** The file name. */
  public String file() {
    return file;
  }

  /** The compared field: {@code "size_bytes"}, {@code "sha256"} or {@code "listed"}. */
  public String field() {
    return field;
  }

  /** The manifest's value. */
  public String expected() {
    return expected;
  }

  /** The file's value. */
  public String actual() {
    return actual;
  }
}
