/** Opt-in tests against a real OpenWhisk (tag {@code live}; Maven profile {@code openwhisk-live}). */
package dev.aquatope.openwhisk.live;
