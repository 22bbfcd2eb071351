/** Aquatope examples module. */
package dev.aquatope.examples;
