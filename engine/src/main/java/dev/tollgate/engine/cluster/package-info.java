/**
 * What the engine's cluster tier needs from a server's distributed cache, for the modules that
 * implement it on a server's own engine. Applications never use this package.
 */
package dev.tollgate.engine.cluster;
