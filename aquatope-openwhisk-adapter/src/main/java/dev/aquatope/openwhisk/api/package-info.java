/**
 * OpenWhisk's JSON bodies as Java records (Jackson). Every record ignores unknown fields, so
 * newer or patched deployments (PR #4648 {@code limits.cpu}, FPC {@code instances}) parse too.
 */
package dev.aquatope.openwhisk.api;
