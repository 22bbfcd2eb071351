/** Aquatope openwhisk module. */
package dev.aquatope.openwhisk;
