/**
 * Leave-one-out anomaly filtering: observations whose value falls outside the confidence
 * interval of the model's leave-one-out prediction (closed form, no refit per point) are removed
 * one at a time, worst first, refitting after each removal, up to a cap.
 */
package dev.aquatope.gp.anomaly;
