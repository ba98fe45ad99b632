#!/usr/bin/env bash
# Webhook acknowledgements and end-to-end WhatsApp replies under load (see WebhookLoadBenchmark). Usage:
#   scripts/benchmark-webhooks.sh [embedded|postgres] [all|acks|replies] [messages per second, default 50]
# The postgres profile needs GROUNDED_TEST_POSTGRES_URL (as .ci/run exports it) and creates a throwaway database.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/java-home.sh"
cd "$root"
./mvnw -q -B test-compile -Dspotless.check.skip=true
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Xmx2g ${BENCH_JAVA_OPTS:-} \
    -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" \
    dev.grounded.benchmark.WebhookLoadBenchmark "${1:-embedded}" "${2:-all}" "${3:-50}"
