/**
 * Streaming readers for serverless invocation traces, producing per-window
 * {@link dev.aquatope.core.model.InvocationSeries} keyed by function.
 *
 * <ul>
 *   <li>{@link dev.aquatope.core.trace.CompactTraceReader}: the project's compact layout
 *       {@code HashFunction,Day,1..1440} (one row per function and day), written by
 *       {@link dev.aquatope.core.trace.CompactTraceWriter};
 *   <li>{@link dev.aquatope.core.trace.Azure2019TraceReader}: the official Azure Functions 2019
 *       day files {@code invocations_per_function_md.anon.dNN.csv}, one file or a folder of them,
 *       optionally verified against a {@link dev.aquatope.core.trace.DayFileManifest};
 *   <li>{@link dev.aquatope.core.trace.Azure2021TraceReader}: the Azure Functions 2021
 *       per-invocation trace, aggregated to per-minute counts;
 *   <li>{@link dev.aquatope.core.trace.TraceFiles}: detects which of these a file holds.
 * </ul>
 *
 * <p>Every reader reads line by line and keeps only the selected functions' counts, so a 150 MB
 * day file is read in bounded memory. Files may be gzip-compressed (detected by the magic bytes).
 * A malformed row fails with a {@link dev.aquatope.core.trace.TraceFormatException} naming the
 * file, line and column; a file that does not match its manifest fails with a
 * {@link dev.aquatope.core.trace.TraceVerificationException}.
 *
 * <p>Data attribution: the Azure Public Dataset is licensed CC BY 4.0 by Microsoft (2019 trace:
 * Shahrad et al., "Serverless in the Wild", USENIX ATC 2020; 2021 trace: Zhang et al., "Faster
 * and Cheaper Serverless Computing on Harvested Resources", SOSP 2021).
 */
package dev.aquatope.core.trace;
