/**
 * Saving and restoring optimizer state as JSON (Jackson): plain records mirroring the core
 * model, the codec that converts them, and the counter-based seeding that lets a restored
 * optimizer continue exactly as the saved one would.
 */
package dev.aquatope.gp.state;
