/**
 * The networks (ND4J SameDiff graphs with the native fused {@code lstmLayer} op), their
 * configurations, the two forecasters and their ServiceLoader providers, and the binary model
 * format.
 */
package dev.aquatope.nn.model;
