/** Aquatope core: the model, the SPIs, the control loops, forecasting baselines and trace readers. */
package dev.aquatope.core;
