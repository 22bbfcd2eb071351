/** Small shared helpers: argument validation. */
package dev.aquatope.core.util;
