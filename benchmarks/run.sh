#!/usr/bin/env bash
# Runs every JMH benchmark and prints the table of benchmarks/README.md (about 5 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
mvn -B -q -pl benchmarks exec:exec
