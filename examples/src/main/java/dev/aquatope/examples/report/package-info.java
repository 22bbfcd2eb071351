/** Reports of the end-to-end experiments: PNG charts (XChart) and plain-text summary tables. */
package dev.aquatope.examples.report;
