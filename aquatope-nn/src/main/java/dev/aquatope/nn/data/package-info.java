/**
 * Turning invocation series into network inputs: the {@code log1p} + z-score normalization fitted
 * on the training split, the chronological train/validation/test split, and the sliding windows.
 */
package dev.aquatope.nn.data;
