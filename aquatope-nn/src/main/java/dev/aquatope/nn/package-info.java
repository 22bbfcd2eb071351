/** Aquatope nn module. */
package dev.aquatope.nn;
