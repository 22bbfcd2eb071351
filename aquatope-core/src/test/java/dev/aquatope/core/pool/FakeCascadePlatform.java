package dev.aquatope.core.pool;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.CascadePrewarming;
import dev.aquatope.core.spi.CascadeRule;
import dev.aquatope.core.spi.FaasPlatform;
import dev.aquatope.core.spi.FunctionHistory;
import dev.aquatope.core.spi.ProfileRequest;
import dev.aquatope.core.spi.ProfileResult;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link FakePlatform} that also supports cascade prewarming: scripted execution times (the same
 * for every quantile) and cold starts per function; records the rules installed.
 */
final class FakeCascadePlatform implements FaasPlatform, CascadePrewarming {
  final FakePlatform base;
  final Map<FunctionId, Duration> executionTimes = new HashMap<>();
  final Map<FunctionId, Duration> coldStarts = new HashMap<>();
  final List<List<CascadeRule>> ruleCalls = new CopyOnWriteArrayList<>();

  FakeCascadePlatform(FakePlatform base) {
    this.base = base;
  }

  FakeCascadePlatform function(String f, double executionSeconds, double coldStartSeconds) {
    executionTimes.put(FunctionId.of(f), Duration.ofMillis(Math.round(executionSeconds * 1000)));
    coldStarts.put(FunctionId.of(f), Duration.ofMillis(Math.round(coldStartSeconds * 1000)));
    return this;
  }

  @Override
  public void setCascadeRules(Workflow workflow, List<CascadeRule> rules) {
    ruleCalls.add(List.copyOf(rules));
  }

  @Override
  public Optional<Duration> executionTime(FunctionId function, double quantile) {
    return Optional.ofNullable(executionTimes.get(function));
  }

  @Override
  public Optional<Duration> coldStartTime(FunctionId function) {
    return Optional.ofNullable(coldStarts.get(function));
  }

  @Override
  public String name() {
    return "fake-cascade";
  }

  @Override
  public Clock clock() {
    return base.clock();
  }

  @Override
  public void apply(Workflow workflow, Configuration configuration) {
    base.apply(workflow, configuration);
  }

  @Override
  public void setPrewarmTargets(Map<FunctionId, Integer> targets) {
    base.setPrewarmTargets(targets);
  }

  @Override
  public FunctionHistory history(FunctionId function, java.time.Instant from, java.time.Instant to) {
    return base.history(function, from, to);
  }

  @Override
  public List<ProfileResult> profile(Workflow workflow, List<Configuration> configurations, ProfileRequest request) {
    return base.profile(workflow, configurations, request);
  }
}
