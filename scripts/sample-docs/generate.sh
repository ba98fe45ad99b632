#!/usr/bin/env bash
# Regenerates the demo tenants' PDF and DOCX files in sample-docs/ from the text sources in this folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/scripts/java-home.sh"
cd "$root"
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
"$JAVA_HOME/bin/java" -cp "$(cat target/classpath.txt)" "$here/SampleDocs.java" "$here" "$root/sample-docs"
