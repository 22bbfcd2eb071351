package dev.aquatope.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.fixtures.traces.BundledTraces;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainForecasterCommandTest {
  private static final String[] TINY = {"--no-progress", "--train-days", "1", "--input-steps", "12",
      "--encoder-hidden", "8", "--decoder-hidden", "4", "--mlp-widths", "8,8,4", "--encoder-epochs", "1",
      "--prediction-epochs", "2", "--encoder-samples-per-epoch", "128", "--mc-passes", "8", "--seasonal-lag", "0"};

  private static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = AquatopeCli.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  private static String[] with(String... more) {
    String[] a = new String[TINY.length + more.length];
    System.arraycopy(more, 0, a, 0, more.length);
    System.arraycopy(TINY, 0, a, more.length, TINY.length);
    return a;
  }

  @Test
  void trainForecaster_tinyHybrid_printsEpochsAndSavesLoadableModel(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.aqnn");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run(out, err, with("train-forecaster", "--out", model.toString(), "--seed", "3"));
    assertEquals(AquatopeCli.EXIT_OK, code, err.toString());
    String text = out.toString();
    assertTrue(text.contains("encoder-decoder  epoch   1  train loss"), text);
    assertTrue(text.contains("prediction       epoch   2"), text);
    assertTrue(text.contains("saved to " + model), text);
    InvocationForecaster f;
    try (InputStream in = Files.newInputStream(model)) {
      f = Providers.forecasterProvider("hybrid-bnn").load(in);
    }
    InvocationSeries s = BundledTraces.weekly().slice(0, 1500);
    Forecast fc = f.forecast(s);
    assertEquals(8, fc.samples().length);
    assertEquals(12, f.minHistory());
  }

  @Test
  void trainForecaster_lstmJson_reportsEpochs(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("l.aqnn");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run(out, err, with("train-forecaster", "--forecaster", "lstm", "--json", "--out", model.toString()));
    assertEquals(AquatopeCli.EXIT_OK, code, err.toString());
    JsonNode j = new ObjectMapper().readTree(out.toString());
    assertEquals("lstm", j.get("forecaster").asText());
    assertEquals(1440, j.get("trainWindows").asInt());
    assertEquals(1, j.get("epochs").size());
    assertEquals(12, j.get("config").get("inputSteps").asInt());
    try (InputStream in = Files.newInputStream(model)) {
      assertTrue(Providers.forecasterProvider("lstm").load(in).isFitted());
    }
  }

  @Test
  void trainForecaster_badOptions_usageExitCode(@TempDir Path dir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(AquatopeCli.EXIT_USAGE, run(out, err, with("train-forecaster", "--forecaster", "nope", "--out",
        dir.resolve("x").toString())));
    assertTrue(err.toString().contains("hybrid-bnn or lstm"), err.toString());
    StringWriter err2 = new StringWriter();
    assertEquals(AquatopeCli.EXIT_USAGE, run(new StringWriter(), err2, with("train-forecaster", "--dropout", "1.5",
        "--out", dir.resolve("y").toString())));
    assertTrue(err2.toString().contains("dropout"), err2.toString());
  }
}
