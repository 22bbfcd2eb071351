package dev.aquatope.core.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic random-search optimizer for the manager's tests (test sources only).
 *
 * <p>{@code suggest(q)} draws {@code q} distinct unobserved, non-pending grid points with a
 * {@code SplittableRandom(seed + 7919 * invocation)} (so its state is just the seed, the
 * invocation count, the observations and the pending points). Drift rule: when a configuration is
 * observed again with a latency more than 25% away from its earlier unflagged observation, every
 * earlier observation is flagged STALE (and may be suggested again) and {@link #driftDetected()}
 * is true until the next {@code suggest}.
 */
final class RandomSearchOptimizer implements ConstrainedBatchOptimizer {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JournalCodec CODEC = new JournalCodec(MAPPER);

  private final OptimizationProblem problem;
  private final long seed;
  private int invocations;
  private final List<Observation> observations = new ArrayList<>();
  private final Set<Configuration> pending = new LinkedHashSet<>();
  private boolean drift;

  RandomSearchOptimizer(OptimizationProblem problem, long seed) {
    this.problem = problem;
    this.seed = seed;
  }

  @Override
  public String name() {
    return "test-random";
  }

  @Override
  public OptimizationProblem problem() {
    return problem;
  }

  private static List<Configuration> grid(ConfigSpace space) {
    List<Configuration> all = new ArrayList<>();
    int d = space.dimension();
    int[] idx = new int[d];
    while (true) {
      all.add(space.fromIndices(idx));
      int k = 0;
      while (k < d && ++idx[k] == space.parameters().get(k).knob().levels()) {
        idx[k] = 0;
        k++;
      }
      if (k == d) {
        return all;
      }
    }
  }

  @Override
  public List<Configuration> suggest(int q) {
    drift = false;
    SplittableRandom rng = new SplittableRandom(seed + 7919L * invocations++);
    Set<Configuration> taken = new LinkedHashSet<>(pending);
    for (Observation o : observations) {
      if (!o.flags().contains(ObservationFlag.STALE)) {
        taken.add(o.configuration());
      }
    }
    List<Configuration> free = new ArrayList<>();
    for (Configuration c : grid(problem.space())) {
      if (!taken.contains(c)) {
        free.add(c);
      }
    }
    List<Configuration> out = new ArrayList<>();
    for (int i = 0; i < q && !free.isEmpty(); i++) {
      out.add(free.remove(rng.nextInt(free.size())));
    }
    pending.addAll(out);
    return out;
  }

  @Override
  public void observe(List<Observation> evaluations) {
    for (Observation o : evaluations) {
      problem.space().toIndices(o.configuration()); // rejects configurations off the space
      for (int i = 0; i < observations.size(); i++) {
        Observation old = observations.get(i);
        if (old.configuration().equals(o.configuration()) && old.flags().isEmpty()
            && Math.abs(o.latency() - old.latency()) > 0.25 * old.latency()) {
          drift = true;
        }
      }
      if (drift) {
        observations.replaceAll(old -> old.flags().contains(ObservationFlag.STALE) ? old
            : old.withFlag(ObservationFlag.STALE, "before drift"));
      }
      observations.add(o);
      pending.remove(o.configuration());
    }
  }

  @Override
  public List<Observation> observations() {
    return List.copyOf(observations);
  }

  @Override
  public Optional<Observation> bestFeasible() {
    return observations.stream().filter(o -> o.flags().isEmpty() && o.isFeasible(problem.qos()))
        .min(Comparator.comparingDouble(Observation::cost));
  }

  @Override
  public boolean driftDetected() {
    return drift;
  }

  @Override
  public void exportState(OutputStream out) throws IOException {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("seed", seed);
    n.put("invocations", invocations);
    n.put("drift", drift);
    ArrayNode obs = n.putArray("observations");
    observations.forEach(o -> obs.add(CODEC.observation(o)));
    ArrayNode pen = n.putArray("pending");
    pending.forEach(c -> pen.add(CODEC.configuration(c)));
    MAPPER.writeValue(new NonClosing(out), n);
  }

  /** Counts how optimizers were made. */
  static final class Provider implements ConstrainedBatchOptimizer.Provider {
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger restored = new AtomicInteger();

    @Override
    public String name() {
      return "test-random";
    }

    @Override
    public ConstrainedBatchOptimizer create(OptimizationProblem problem, long seed) {
      created.incrementAndGet();
      return new RandomSearchOptimizer(problem, seed);
    }

    @Override
    public ConstrainedBatchOptimizer restore(OptimizationProblem problem, InputStream in) throws IOException {
      JsonNode n = MAPPER.readTree(in);
      RandomSearchOptimizer o = new RandomSearchOptimizer(problem, n.get("seed").asLong());
      o.invocations = n.get("invocations").asInt();
      o.drift = n.get("drift").asBoolean();
      n.get("observations").forEach(x -> o.observations.add(CODEC.observation(x)));
      n.get("pending").forEach(x -> o.pending.add(CODEC.configuration(x)));
      restored.incrementAndGet();
      return o;
    }
  }

  /** Jackson closes the streams it writes to; the SPI says the stream is not closed. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
