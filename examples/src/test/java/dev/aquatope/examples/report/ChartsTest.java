package dev.aquatope.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.examples.e2e.PoolTimeline;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  private static PoolTimeline timeline(int n) {
    double[] mean = new double[n];
    double[] std = new double[n];
    int[] target = new int[n];
    int[] needed = new int[n];
    double[] prov = new double[n];
    for (int i = 0; i < n; i++) {
      mean[i] = 5 + 3 * Math.sin(i / 30.0);
      std[i] = 1;
      target[i] = (int) Math.ceil(mean[i] + 1.28);
      needed[i] = (int) Math.round(mean[i]);
      prov[i] = target[i] + 0.5;
    }
    return new PoolTimeline(FunctionId.of("f"), Instant.parse("2019-07-22T00:00:00Z"), mean, std, target, needed, prov);
  }

  @Test
  void forecastAndPrewarm_writeReadablePngs(@TempDir Path dir) throws IOException {
    PoolTimeline t = timeline(240);
    Charts.forecast(t, 0, 240, "forecast", dir.resolve("a/forecast.png"));
    Charts.prewarm(t, 60, 1000, "prewarm", dir.resolve("prewarm.png"));
    for (String f : new String[] {"a/forecast.png", "prewarm.png"}) {
      BufferedImage img = ImageIO.read(dir.resolve(f).toFile());
      assertEquals(900, img.getWidth(), f);
      assertEquals(420, img.getHeight(), f);
    }
  }

  @Test
  void convergence_skipsNaNPrefixAndWritesPng(@TempDir Path dir) throws IOException {
    Map<String, double[]> curves = new LinkedHashMap<>();
    curves.put("gp-qnei", new double[] {Double.NaN, 5e-4, 4e-4, 3.6e-4});
    curves.put("random", new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
    Charts.convergence(curves, 3.45e-4, "convergence", dir.resolve("c.png"));
    assertEquals(900, ImageIO.read(dir.resolve("c.png").toFile()).getWidth());
  }

  @Test
  void forecast_fromOutOfRange_isRejected(@TempDir Path dir) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Charts.forecast(timeline(10), 10, 5, "x", dir.resolve("x.png")));
    assertEquals("from must be in [0, 10), was 10", e.getMessage());
  }

  @Test
  void render_alignsColumns() {
    String s = new TextTable("policy", "cold %").row("keep-alive", "0.98").row("aquatope", "12.50").render();
    assertEquals("policy      cold %\n"
        + "------------------\n"
        + "keep-alive    0.98\n"
        + "aquatope     12.50\n", s);
  }

  @Test
  void row_wrongWidth_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TextTable("a", "b").row("x"));
    assertEquals("row must have 2 cells, had 1", e.getMessage());
  }
}
