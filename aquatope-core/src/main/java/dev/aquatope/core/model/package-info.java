/**
 * Immutable value types shared by every module: workflows and their stages, configuration spaces
 * and configurations, QoS targets, cost models, observations, invocation series, external
 * features and forecasts. Every constructor validates its arguments and names the bad value.
 */
package dev.aquatope.core.model;
