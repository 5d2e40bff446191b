/**
 * Running several application nodes on one database, and watching them: scheduled jobs that run once per
 * schedule across nodes ({@link org.ganxun.platform.ops.ClusterScheduling}), the request id in every log line
 * ({@link org.ganxun.platform.ops.RequestIdFilter}), the application's own metrics
 * ({@link org.ganxun.platform.ops.OperationsMetrics}) and who may read the actuator endpoints
 * ({@link org.ganxun.platform.ops.ActuatorSecurity}). See docs/operations.md.
 */
package org.ganxun.platform.ops;
