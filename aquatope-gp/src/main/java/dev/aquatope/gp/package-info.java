/** Aquatope gp module. */
package dev.aquatope.gp;
