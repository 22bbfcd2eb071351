/**
 * Per-stage surrogates: one small GP per workflow stage over that stage's own knobs, fitted on
 * the per-stage measurements of the observations and composed through the workflow's DAG into
 * a structured prior mean for the end-to-end cost and latency models.
 */
package dev.aquatope.gp.stages;
