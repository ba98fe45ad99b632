#!/usr/bin/env bash
# Retrieval quality on the BEIR datasets beside the repository (see docs/benchmarks.md). Usage:
#   scripts/benchmark-retrieval.sh [embedded|postgres] [extra eval options, e.g. --sweep]
# Runs `java -jar target/grounded.jar eval beir` on SciFact (train split) and StackFAQ (dev split) in the given storage
# profile. Indexes persist under target/beir-<profile> (postgres: database grounded_beir), so a second run only
# searches. The postgres profile needs the local server as .ci/run starts it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/java-home.sh"
cd "$root"
profile=${1:-embedded}
shift || true
data=${GROUNDED_SHARED_DATASETS:-$root/../shared/datasets}/retrieval
if [ ! -d "$data/scifact" ]; then
    echo "benchmark-retrieval: no BEIR datasets at $data (set GROUNDED_SHARED_DATASETS)" >&2
    exit 2
fi
[ -f target/grounded.jar ] || ./mvnw -q -B package -DskipTests -Dspotless.check.skip=true
args=(--grounded.data-dir="$root/target/beir-$profile")
if [ "$profile" = postgres ]; then
    psql -h 127.0.0.1 -U postgres -tc "select 1 from pg_database where datname = 'grounded_beir'" | grep -q 1 \
        || psql -h 127.0.0.1 -U postgres -c "create database grounded_beir" >/dev/null
    # The benchmark stores no customer data; the postgres profile still wants a data key to start.
    args+=(--spring.profiles.active=postgres --grounded.security.data-key="$(head -c 32 /dev/urandom | base64)"
        --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/grounded_beir --spring.datasource.username=postgres)
fi
for dataset in scifact:train stackfaq:dev; do
    name=${dataset%%:*}
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -jar target/grounded.jar \
        eval beir --data "$data/$name" --split "${dataset##*:}" "${args[@]}" "$@"
done
