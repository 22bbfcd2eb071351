package dev.aquatope.examples.report;

import dev.aquatope.core.util.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with a header row, right-aligned columns except the first, and a rule under
 * the header: the summary tables of the CLI.
 */
public final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  /**
   * A table with these column titles.
   *
   * @param header the column titles, at least one
   */
  public TextTable(String... header) {
    Checks.notNull("header", header);
    if (header.length == 0) {
      throw new IllegalArgumentException("header must have at least one column");
    }
    this.header = List.copyOf(Arrays.asList(header));
  }

  /**
   * Adds a row.
   *
   * @param cells one cell per column
   * @return this table (for chaining)
   * @throws IllegalArgumentException if the number of cells differs from the header's
   */
  public TextTable row(String... cells) {
    Checks.notNull("cells", cells);
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("row must have " + header.size() + " cells, had " + cells.length);
    }
    rows.add(List.copyOf(Arrays.asList(cells)));
    return this;
  }

  /**
   * Renders the table, one line per row, each ending with a newline.
   *
   * @return the text
   */
  public String render() {
    int[] w = new int[header.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = header.get(i).length();
      for (List<String> r : rows) {
        w[i] = Math.max(w[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header, w);
    int total = Arrays.stream(w).sum() + 2 * (w.length - 1);
    sb.append("-".repeat(total)).append('\n');
    for (List<String> r : rows) {
      line(sb, r, w);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells, int[] w) {
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (i > 0) {
        sb.append("  ");
      }
      String pad = " ".repeat(w[i] - c.length());
      sb.append(i == 0 ? c + pad : pad + c);
    }
    int end = sb.length();
    while (end > 0 && sb.charAt(end - 1) == ' ') {
      end--;
    }
    sb.setLength(end);
    sb.append('\n');
  }
}
