#!/usr/bin/env bash
# Retrieval quality per language on the XQuAD development pairs beside the repository (see docs/benchmarks.md):
#   scripts/benchmark-languages.sh [embedded|postgres] [extra eval options, e.g. --reindex]
# Runs `java -jar target/grounded.jar eval beir --split dev --mode all` on every <question>-<paragraph> pair and prints
# nDCG@10 per leg. Indexes persist under target/beir-<profile> (postgres: database grounded_beir), so a second run
# only searches; pass --reindex after a change to the analysis or the embedding model.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/java-home.sh"
cd "$root"
profile=${1:-embedded}
shift || true
data=${GROUNDED_SHARED_DATASETS:-$root/../shared/datasets}/retrieval/xquad
if [ ! -d "$data" ]; then
    echo "benchmark-languages: no XQuAD pairs at $data (set GROUNDED_SHARED_DATASETS)" >&2
    exit 2
fi
[ -f target/grounded.jar ] || ./mvnw -q -B package -DskipTests -Dspotless.check.skip=true
args=(--grounded.data-dir="$root/target/beir-$profile")
if [ "$profile" = postgres ]; then
    psql -h 127.0.0.1 -U postgres -tc "select 1 from pg_database where datname = 'grounded_beir'" | grep -q 1 \
        || psql -h 127.0.0.1 -U postgres -c "create database grounded_beir" >/dev/null
    args+=(--spring.profiles.active=postgres --grounded.security.data-key="$(head -c 32 /dev/urandom | base64)"
        --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/grounded_beir --spring.datasource.username=postgres)
fi
printf '| pair | keyword | dense | hybrid |\n|---|---|---|---|\n'
for pair in "$data"/*/; do
    name=$(basename "$pair")
    json=$("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
        -jar target/grounded.jar eval beir --data "$pair" --split dev --mode all --json "${args[@]}" "$@" \
        2>/dev/null | tail -1)
    python3 - "$name" "$json" <<'PY'
import json, sys
name, report = sys.argv[1], json.loads(sys.argv[2])
def ndcg(mode):
    for key in (mode, mode + " (defaults)"):
        if key in report:
            return "%.3f" % report[key]["ndcg@10"]
    found = [v for k, v in report.items() if k.startswith(mode) and isinstance(v, dict)]
    return "%.3f" % found[0]["ndcg@10"] if found else "?"
print("| %s | %s | %s | %s |" % (name, ndcg("keyword"), ndcg("dense"), ndcg("hybrid")))
PY
done
