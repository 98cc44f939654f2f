/**
 * What the engine shows operators besides its logs: the readiness report and the metrics, as
 * plain Java types, so that the engine needs no health or metrics API; the
 * {@code tollgate-observability} module bridges them to the servers' MicroProfile Health and
 * metrics APIs.
 */
package dev.tollgate.engine.observe;
