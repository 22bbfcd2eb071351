/**
 * Workflow definition files: a JSON format (read and written with Jackson) describing a workflow's
 * stages and DAG, its per-stage knobs, QoS target, cost model and profiling load, from which a
 * {@link dev.aquatope.core.workflow.WorkflowDefinition} builds the optimization problem. The
 * AQUATOPE prototype's {@code workflow_config} files ({@code name}, {@code functions},
 * {@code params}, {@code qos}) are accepted too. See {@link dev.aquatope.core.workflow.WorkflowDefinitions}
 * for the format.
 */
package dev.aquatope.core.workflow;
