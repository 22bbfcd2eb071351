package dev.aquatope.core.trace;

/** The trace layouts this package reads. */
public enum TraceFormat {
  /** {@code HashFunction,Day,1..1440}: {@link CompactTraceReader}. */
  COMPACT_PER_MINUTE,
  /** Official Azure Functions 2019 day file(s) {@code HashOwner,HashApp,HashFunction,Trigger,1..1440}: {@link Azure2019TraceReader}. */
  AZURE_2019_DAY_FILES,
  /** Azure Functions 2021 per-invocation rows {@code app,func,end_timestamp,duration}: {@link Azure2021TraceReader}. */
  AZURE_2021_INVOCATIONS
}
