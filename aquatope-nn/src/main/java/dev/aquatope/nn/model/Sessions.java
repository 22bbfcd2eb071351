package dev.aquatope.nn.model;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.NoOpMemoryMgr;

/**
 * Gives each thread's SameDiff inference session a memory manager that does not cache arrays.
 *
 * <p>ND4J 1.0.0-M2.1 creates one inference session per calling thread, each with an
 * {@code ArrayCacheMemoryMgr} that may keep up to a quarter of JavaCPP's off-heap limit in
 * released arrays. With forecasts called from a pool of threads, and several forecasters per
 * process, those caches added up to an out-of-memory kill in a benchmark here (21 GB resident).
 * Our graphs are small, so allocating afresh costs little.
 */
final class Sessions {
  private Sessions() {}

  /** Installs a non-caching session for the current thread if it has none yet. */
  static void prepare(SameDiff sd) {
    sd.getSessions().computeIfAbsent(Thread.currentThread().getId(), id -> {
      InferenceSession s = new InferenceSession(sd);
      s.setMmgr(new NoOpMemoryMgr());
      return s;
    });
  }
}
