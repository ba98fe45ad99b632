#!/usr/bin/env bash
# Delivery under faults (see FaultDriver): customers' messages through signed webhooks to the application in its own
# JVM, fake providers that throttle, fail, answer late or hang up, kill -9 of the application at points spread over the
# run, and (postgres) a PostgreSQL restart. Usage:
#   scripts/fault-driver.sh [embedded|postgres] [--messages N] [--rate per-second] [--kills K]
#                           [--providers meta,twilio,waha] [--seed S] [--short]
# The postgres profile needs GROUNDED_TEST_POSTGRES_URL (as .ci/run exports it) and creates a throwaway database; its
# PostgreSQL restart runs "pg_ctlcluster $GROUNDED_PG_CLUSTER restart" (default "15 main").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/java-home.sh"
cd "$root"
./mvnw -q -B test-compile -Dspotless.check.skip=true
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Xmx1g \
    -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" \
    dev.grounded.benchmark.FaultDriver "$@"
