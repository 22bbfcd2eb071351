package dev.aquatope.examples.report;

import dev.aquatope.core.util.Checks;
import dev.aquatope.examples.e2e.PoolTimeline;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG charts of a quickstart report, drawn with XChart's {@link BitmapEncoder}.
 *
 * <ul>
 *   <li>{@link #forecast}: predicted versus actual containers of one function, with the
 *       forecast's 5-95% band;
 *   <li>{@link #prewarm}: prewarm target, containers provisioned and containers needed over time;
 *   <li>{@link #convergence}: each optimizer's best feasible cost per evaluation against the
 *       oracle's cost.
 * </ul>
 */
public final class Charts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;

  private Charts() {}

  /**
   * Draws predicted versus actual containers needed with the forecast's 5-95% band.
   *
   * @param t the timeline
   * @param from first minute to draw
   * @param minutes minutes to draw, {@code >= 1}
   * @param title the chart's title
   * @param png the output file
   * @throws IOException if the file cannot be written
   */
  public static void forecast(PoolTimeline t, int from, int minutes, String title, Path png) throws IOException {
    int[] r = range(t, from, minutes);
    int n = r[1] - r[0];
    double[] x = new double[n];
    double[] mean = new double[n];
    double[] needed = new double[n];
    double[] polyX = new double[2 * n];
    double[] polyY = new double[2 * n];
    for (int i = 0; i < n; i++) {
      int m = r[0] + i;
      x[i] = m / 60.0;
      mean[i] = t.mean()[m];
      needed[i] = t.needed()[m];
      polyX[i] = x[i];
      polyY[i] = t.quantile(m, 0.95);
      polyX[2 * n - 1 - i] = x[i];
      polyY[2 * n - 1 - i] = t.quantile(m, 0.05);
    }
    XYChart c = chart(title, "hours since " + t.start(), "containers");
    XYSeries band = c.addSeries("forecast 5-95%", polyX, polyY);
    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    band.setFillColor(new Color(120, 160, 230, 110));
    band.setLineColor(new Color(120, 160, 230, 0));
    band.setMarker(SeriesMarkers.NONE);
    line(c, "actual (peak busy)", x, needed, Color.BLACK, 1.2f);
    line(c, "forecast mean", x, mean, new Color(30, 80, 200), 1.2f);
    save(c, png);
  }

  /**
   * Draws the prewarm target, the provisioned containers and the containers needed over time.
   *
   * @param t the timeline
   * @param from first minute to draw
   * @param minutes minutes to draw, {@code >= 1}
   * @param title the chart's title
   * @param png the output file
   * @throws IOException if the file cannot be written
   */
  public static void prewarm(PoolTimeline t, int from, int minutes, String title, Path png) throws IOException {
    int[] r = range(t, from, minutes);
    int n = r[1] - r[0];
    double[] x = new double[n];
    double[] target = new double[n];
    double[] needed = new double[n];
    double[] provisioned = new double[n];
    for (int i = 0; i < n; i++) {
      int m = r[0] + i;
      x[i] = m / 60.0;
      target[i] = t.target()[m];
      needed[i] = t.needed()[m];
      provisioned[i] = t.provisioned()[m];
    }
    XYChart c = chart(title, "hours since " + t.start(), "containers");
    // drawn first and wider: where the pool honours the target exactly, the target's step covers it
    line(c, "provisioned (mean over the minute)", x, provisioned, new Color(110, 190, 110), 3f);
    XYSeries s = line(c, "prewarm target", x, target, new Color(200, 60, 40), 1.2f);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    line(c, "needed (peak busy)", x, needed, Color.BLACK, 1f);
    save(c, png);
  }

  /**
   * Draws each optimizer's best feasible cost per evaluation and the oracle's cost.
   *
   * @param bestByEvaluation best feasible cost after each evaluation, per optimizer (NaN before the
   *     first feasible one)
   * @param oracleCost the oracle's cost
   * @param title the chart's title
   * @param png the output file
   * @throws IOException if the file cannot be written
   */
  public static void convergence(Map<String, double[]> bestByEvaluation, double oracleCost, String title, Path png)
      throws IOException {
    Checks.notNull("bestByEvaluation", bestByEvaluation);
    Checks.positive("oracleCost", oracleCost);
    XYChart c = chart(title, "evaluations", "best feasible cost per invocation ($)");
    c.getStyler().setYAxisDecimalPattern("0.00E0");
    int longest = 1;
    Color[] palette = {new Color(30, 80, 200), new Color(230, 120, 20), new Color(40, 150, 60), new Color(150, 60, 160)};
    int k = 0;
    for (Map.Entry<String, double[]> e : bestByEvaluation.entrySet()) {
      double[] v = e.getValue();
      longest = Math.max(longest, v.length);
      List<double[]> pts = new ArrayList<>();
      for (int i = 0; i < v.length; i++) {
        if (!Double.isNaN(v[i])) {
          pts.add(new double[] {i + 1, v[i]});
        }
      }
      if (pts.isEmpty()) {
        continue; // nothing feasible: nothing to draw
      }
      double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
      double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
      XYSeries s = line(c, e.getKey(), x, y, palette[k++ % palette.length], 1.6f);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    }
    XYSeries o = line(c, "oracle", new double[] {1, longest}, new double[] {oracleCost, oracleCost}, Color.BLACK, 1f);
    o.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    save(c, png);
  }

  private static int[] range(PoolTimeline t, int from, int minutes) {
    Checks.notNull("timeline", t);
    Checks.positive("minutes", minutes);
    if (from < 0 || from >= t.size()) {
      throw new IllegalArgumentException("from must be in [0, " + t.size() + "), was " + from);
    }
    return new int[] {from, Math.min(t.size(), from + minutes)};
  }

  private static XYChart chart(String title, String xTitle, String yTitle) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
        .build();
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    c.getStyler().setMarkerSize(0);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setPlotBackgroundColor(Color.WHITE);
    c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    c.getStyler().setAntiAlias(true);
    return c;
  }

  private static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, float width) {
    XYSeries s = c.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineWidth(width);
    return s;
  }

  private static void save(XYChart c, Path png) throws IOException {
    Checks.notNull("png", png);
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(png)) {
      BitmapEncoder.saveBitmap(c, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }
}
