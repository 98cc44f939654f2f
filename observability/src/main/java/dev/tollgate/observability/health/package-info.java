/** The MicroProfile Health readiness check {@code tollgate}, which both servers serve. */
package dev.tollgate.observability.health;
