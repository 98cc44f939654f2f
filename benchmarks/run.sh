#!/usr/bin/env bash
# Runs every JMH benchmark and prints the table of benchmarks/README.md (about 7 minutes on 2 cores).
# Builds within the reactor (nothing is installed into ~/.m2). On Linux with taskset and 2+ CPUs the
# benchmarks run on CPU 0 and the end-to-end server, a JVM of its own, on CPU 1.
set -euo pipefail
cd "$(dirname "$0")/.."
# the classpath of the reactor's own jars (target/), not of installed ones
mvn -B -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime "$@"
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
CPUS="$(nproc --all 2> /dev/null || echo '?')"
if command -v taskset > /dev/null && [ "$CPUS" != '?' ] && [ "$CPUS" -gt 1 ]; then
    exec taskset -c 0 java -Dtollgate.benchmarks.cpus="$CPUS" -Dtollgate.benchmarks.client-cpu=0 -cp "$CP" \
        dev.tollgate.benchmarks.BenchmarkReport
fi
exec java -Dtollgate.benchmarks.cpus="$CPUS" -cp "$CP" dev.tollgate.benchmarks.BenchmarkReport
