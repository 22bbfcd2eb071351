package dev.aquatope.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.trace.CompactTraceReader;
import dev.aquatope.fixtures.traces.BundledTraces;
import dev.aquatope.nn.model.HybridBayesianForecaster;
import dev.aquatope.nn.model.HybridConfig;
import dev.aquatope.nn.model.LstmConfig;
import dev.aquatope.nn.model.LstmForecaster;
import dev.aquatope.nn.model.TrainingSummary;
import dev.aquatope.nn.train.EpochListener;
import dev.aquatope.nn.train.EpochStats;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains a DL4J/ND4J forecaster ({@code hybrid-bnn} or {@code lstm}) on the first days of one
 * function of a compact per-minute trace, prints the training and validation loss of every epoch,
 * and saves the model so that {@code forecast-bench --model} and the pool scheduler can load it
 * through the forecaster's provider.
 *
 * <pre>{@code
 * java -jar examples/target/aquatope.jar train-forecaster --train-days 7 --out weekly.aqnn
 * }</pre>
 *
 * <p>Every hyperparameter of {@link HybridConfig} is an option; options left out keep the
 * builder's defaults. For {@code lstm}, {@code --encoder-*} options set the LSTM's layers, width,
 * epochs, learning rate and samples per epoch.
 */
@Command(name = "train-forecaster", mixinStandardHelpOptions = true,
    description = "Train a forecaster on a trace and save it.")
public final class TrainForecasterCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Option(names = "--trace", paramLabel = "FILE",
      description = "Compact per-minute trace (HashFunction,Day,1..1440; .csv or .csv.gz). "
          + "Default: the bundled Azure Functions 2019 extract.")
  Path trace;

  @Option(names = "--function", paramLabel = "HASH",
      description = "Function to train on (default: the bundled 14-day function 40d07b99...).")
  String function;

  @Option(names = "--train-days", paramLabel = "N", defaultValue = "7",
      description = "Train on the first N days (default: ${DEFAULT-VALUE}).")
  int trainDays;

  @Option(names = "--out", paramLabel = "MODEL", required = true, description = "Where to write the model.")
  Path out;

  @Option(names = "--forecaster", defaultValue = "hybrid-bnn",
      description = "hybrid-bnn or lstm (default: ${DEFAULT-VALUE}).")
  String forecaster;

  @Option(names = "--input-steps", description = "Windows the encoder reads (default 48).")
  Integer inputSteps;

  @Option(names = "--output-steps", description = "Windows the pre-training decoder predicts (default 12).")
  Integer outputSteps;

  @Option(names = "--encoder-layers", description = "Stacked LSTM layers (default 2).")
  Integer encoderLayers;

  @Option(names = "--encoder-hidden", description = "LSTM hidden units (default 64).")
  Integer encoderHidden;

  @Option(names = "--decoder-hidden", description = "Decoder LSTM units (default 16).")
  Integer decoderHidden;

  @Option(names = "--mlp-widths", split = ",", description = "Prediction network widths (default 128,64,16).")
  List<Integer> mlpWidths;

  @Option(names = "--dropout", description = "Dropout probability (default 0.25).")
  Double dropout;

  @Option(names = "--encoder-epochs", description = "Most pre-training (or lstm) epochs (default 10).")
  Integer encoderEpochs;

  @Option(names = "--prediction-epochs", description = "Most prediction-network epochs (default 64).")
  Integer predictionEpochs;

  @Option(names = "--batch-size", description = "Minibatch size (default 128).")
  Integer batchSize;

  @Option(names = "--encoder-lr", description = "Encoder-decoder (or lstm) Adam learning rate (default 1e-3).")
  Double encoderLr;

  @Option(names = "--prediction-lr", description = "Prediction-network Adam learning rate (default 1e-3).")
  Double predictionLr;

  @Option(names = "--encoder-samples-per-epoch",
      description = "Training windows per pre-training (or lstm) epoch (default 1024).")
  Integer encoderSamplesPerEpoch;

  @Option(names = "--patience", description = "Early-stopping patience in epochs (default 4).")
  Integer patience;

  @Option(names = "--mc-passes", description = "MC-dropout passes per forecast (default 32).")
  Integer mcPasses;

  @Option(names = "--seasonal-lag", description = "Seasonal lag of the extra features, 0 for none (default 1440).")
  Integer seasonalLag;

  @Option(names = "--direct-inputs", description = "Latest input windows the prediction network also reads "
      + "directly (skip path), 0 for none (default: --input-steps).")
  Integer directInputs;

  @Option(names = "--noise-neighbours", description = "Validation residuals per forecast's noise distribution "
      + "(default 100).")
  Integer noiseNeighbours;

  @Override
  public Integer call() throws IOException {
    if (trainDays < 1) {
      throw new IllegalArgumentException("--train-days must be >= 1, was " + trainDays);
    }
    FunctionId f = function == null ? BundledTraces.WEEKLY_FUNCTION : FunctionId.of(function);
    Map<FunctionId, InvocationSeries> all = trace == null ? BundledTraces.azure2019()
        : CompactTraceReader.read(trace, id -> id.equals(f));
    InvocationSeries series = all.get(f);
    if (series == null) {
      throw new IllegalArgumentException("function " + f + " is not in " + (trace == null ? "the bundled trace" : trace));
    }
    int windows = trainDays * CompactTraceReader.MINUTES_PER_DAY;
    if (windows > series.size()) {
      throw new IllegalArgumentException("--train-days " + trainDays + " needs " + windows + " windows; function " + f
          + " has " + series.size());
    }
    InvocationSeries train = series.slice(0, windows);
    PrintWriter o = spec.commandLine().getOut();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    ArrayNode epochs = root.putArray("epochs");
    TrainingSummary summary;
    Object config;
    try (Progress bar = Progress.start(!common.noProgress, "train " + forecaster, maxEpochs())) {
      EpochListener listener = s -> {
        bar.stepBy(1);
        bar.message(s.phase() + " " + String.format(Locale.ROOT, "%.4f", s.validationLoss()));
        epochs.addPOJO(s);
        if (!common.json) {
          o.println(format(s));
          o.flush();
        }
      };
      switch (forecaster) {
        case HybridBayesianForecaster.NAME -> {
          HybridBayesianForecaster h = HybridBayesianForecaster.create(hybridConfig());
          config = h.config();
          summary = h.fit(List.of(train), listener);
          save(o2 -> h.save(o2));
        }
        case LstmForecaster.NAME -> {
          LstmForecaster l = LstmForecaster.create(lstmConfig());
          config = l.config();
          summary = l.fit(List.of(train), listener);
          save(o2 -> l.save(o2));
        }
        default -> throw new IllegalArgumentException("--forecaster must be hybrid-bnn or lstm, was '" + forecaster + "'");
      }
    }
    root.put("forecaster", forecaster);
    root.put("function", f.value());
    root.put("trainWindows", windows);
    root.putPOJO("config", config);
    root.put("trainSamples", summary.trainSamples());
    root.put("validationSamples", summary.validationSamples());
    root.put("noiseVarianceLog", summary.noiseVarianceLog());
    root.put("validationRmseLog", summary.validationRmseLog());
    root.put("trainingMillis", summary.trainingMillis());
    root.put("model", out.toString());
    if (common.json) {
      o.println(json.writeValueAsString(root));
    } else {
      o.printf(Locale.ROOT, "trained %s on %s (%d windows) in %.1f s: validation RMSE(log1p) %.4f; saved to %s%n",
          forecaster, f, windows, summary.trainingMillis() / 1000.0, summary.validationRmseLog(), out);
    }
    o.flush();
    return AquatopeCli.EXIT_OK;
  }

  private static String format(EpochStats s) {
    return String.format(Locale.ROOT, "%-16s epoch %3d  train loss %.5f  validation loss %.5f%s", s.phase(), s.epoch(),
        s.trainLoss(), s.validationLoss(), s.improved() ? "  *" : "");
  }

  private long maxEpochs() {
    HybridConfig d = HybridConfig.defaults();
    int e = encoderEpochs == null ? d.encoderEpochs() : encoderEpochs;
    int p = predictionEpochs == null ? d.predictionEpochs() : predictionEpochs;
    return forecaster.equals(LstmForecaster.NAME) ? e : e + p;
  }

  private interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private void save(Writer w) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream s = new java.io.BufferedOutputStream(Files.newOutputStream(out))) {
      w.write(s);
    }
  }

  HybridConfig hybridConfig() {
    HybridConfig.Builder b = HybridConfig.newBuilder().seed(common.seed);
    if (inputSteps != null) {
      b.inputSteps(inputSteps);
    }
    if (outputSteps != null) {
      b.outputSteps(outputSteps);
    }
    if (encoderLayers != null) {
      b.encoderLayers(encoderLayers);
    }
    if (encoderHidden != null) {
      b.encoderHidden(encoderHidden);
    }
    if (decoderHidden != null) {
      b.decoderHidden(decoderHidden);
    }
    if (mlpWidths != null) {
      b.mlpWidths(mlpWidths);
    }
    if (dropout != null) {
      b.dropout(dropout);
    }
    if (encoderEpochs != null) {
      b.encoderEpochs(encoderEpochs);
    }
    if (predictionEpochs != null) {
      b.predictionEpochs(predictionEpochs);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    if (encoderLr != null) {
      b.encoderLearningRate(encoderLr);
    }
    if (predictionLr != null) {
      b.predictionLearningRate(predictionLr);
    }
    if (encoderSamplesPerEpoch != null) {
      b.encoderSamplesPerEpoch(encoderSamplesPerEpoch);
    }
    if (patience != null) {
      b.patience(patience);
    }
    if (mcPasses != null) {
      b.mcPasses(mcPasses);
    }
    if (seasonalLag != null) {
      b.seasonalLag(seasonalLag);
    }
    if (directInputs != null) {
      b.directInputs(directInputs);
    }
    if (noiseNeighbours != null) {
      b.noiseNeighbours(noiseNeighbours);
    }
    return b.build();
  }

  LstmConfig lstmConfig() {
    LstmConfig.Builder b = LstmConfig.newBuilder().seed(common.seed);
    if (inputSteps != null) {
      b.inputSteps(inputSteps);
    }
    if (encoderLayers != null) {
      b.layers(encoderLayers);
    }
    if (encoderHidden != null) {
      b.hidden(encoderHidden);
    }
    if (encoderEpochs != null) {
      b.epochs(encoderEpochs);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    if (encoderLr != null) {
      b.learningRate(encoderLr);
    }
    if (encoderSamplesPerEpoch != null) {
      b.samplesPerEpoch(encoderSamplesPerEpoch);
    }
    if (patience != null) {
      b.patience(patience);
    }
    return b.build();
  }
}
