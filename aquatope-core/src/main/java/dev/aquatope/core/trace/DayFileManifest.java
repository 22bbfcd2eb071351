package dev.aquatope.core.trace;

import dev.aquatope.core.util.Checks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The expected size and SHA-256 of trace day files, read from a tab-separated manifest with the
 * columns {@code file, size_bytes, sha256[, rows, day_total_invocations, weekday]} ({@code #}
 * lines are comments). {@link #azure2019()} is the bundled manifest of the official Azure
 * Functions 2019 files {@code invocations_per_function_md.anon.d01..d14.csv}.
 *
 * <p>Sizes and digests are those of the uncompressed CSV, so a gzip-compressed copy verifies too.
 */
public final class DayFileManifest {
  private static final String AZURE_2019_RESOURCE = "azure2019_day_files_manifest.tsv";

  private final Map<String, Entry> entries;

  private DayFileManifest(Map<String, Entry> entries) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /**
   * One file of the manifest.
   *
   * @param file the file name (without {@code .gz})
   * @param sizeBytes size of the uncompressed file, {@code >= 0}
   * @param sha256 lower-case hex SHA-256 of the uncompressed file, 64 characters
   * @param rows number of data rows, or -1 if not given
   * @param dayTotal sum of all counts in the file, or -1 if not given
   */
  public record Entry(String file, long sizeBytes, String sha256, long rows, long dayTotal) {
    /** Validates the fields. */
    public Entry {
      Checks.nonBlank("file", file);
      if (sizeBytes < 0) {
        throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
      }
      Checks.notNull("sha256", sha256);
      sha256 = sha256.toLowerCase(Locale.ROOT);
      if (!sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("sha256 must be 64 hex digits, was '" + sha256 + "'");
      }
      if (rows < -1 || dayTotal < -1) {
        throw new IllegalArgumentException("rows and dayTotal must be >= -1, were " + rows + ", " + dayTotal);
      }
    }
  }

  /**
   * The bundled manifest of the 14 official Azure Functions 2019 day files.
   *
   * @return the manifest
   * @throws UncheckedIOException if the bundled resource is missing (a packaging defect)
   */
  public static DayFileManifest azure2019() {
    try (InputStream in = DayFileManifest.class.getResourceAsStream(AZURE_2019_RESOURCE)) {
      if (in == null) {
        throw new IOException("resource " + AZURE_2019_RESOURCE + " not found next to " + DayFileManifest.class);
      }
      return parse(in, AZURE_2019_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a manifest.
   *
   * @param in the TSV stream; not closed
   * @param sourceName name for error messages
   * @return the manifest
   * @throws TraceFormatException if a line is malformed
   * @throws IOException if reading fails
   */
  public static DayFileManifest parse(InputStream in, String sourceName) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    Map<String, Entry> entries = new LinkedHashMap<>();
    String line;
    long n = 0;
    boolean headerSeen = false;
    while ((line = reader.readLine()) != null) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (!headerSeen) {
        headerSeen = true;
        if (f.length < 3 || !f[0].equals("file") || !f[1].equals("size_bytes") || !f[2].equals("sha256")) {
          throw new TraceFormatException(sourceName, n, "expected a header 'file<TAB>size_bytes<TAB>sha256...'");
        }
        continue;
      }
      if (f.length < 3) {
        throw new TraceFormatException(sourceName, n, "expected at least 3 tab-separated columns, found " + f.length);
      }
      try {
        Entry e = new Entry(f[0].trim(), Long.parseLong(f[1].trim()), f[2].trim(),
            f.length > 3 && !f[3].isBlank() ? Long.parseLong(f[3].trim()) : -1,
            f.length > 4 && !f[4].isBlank() ? Long.parseLong(f[4].trim()) : -1);
        entries.put(e.file(), e);
      } catch (IllegalArgumentException e) { // includes NumberFormatException
        throw new TraceFormatException(sourceName, n, "bad manifest entry: " + e.getMessage());
      }
    }
    return new DayFileManifest(entries);
  }

  /**
   * A manifest with the given entries (e.g. for files a user produced).
   *
   * @param entries the entries; file names must be distinct
   * @return the manifest
   * @throws IllegalArgumentException if two entries name the same file
   */
  public static DayFileManifest of(Iterable<Entry> entries) {
    Map<String, Entry> m = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (m.put(Checks.notNull("entry", e).file(), e) != null) {
        throw new IllegalArgumentException("entries: file '" + e.file() + "' listed twice");
      }
    }
    return new DayFileManifest(m);
  }

  /**
   * The entry of a file, looked up by name with any {@code .gz} suffix removed.
   *
   * @param fileName the file's name (no directory)
   * @return its entry, if listed
   */
  public Optional<Entry> entry(String fileName) {
    Checks.notNull("fileName", fileName);
    String base = fileName.endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
    return Optional.ofNullable(entries.get(base));
  }

  /** All entries, in manifest order. */
  public Map<String, Entry> entries() {
    return entries;
  }
}
