#!/usr/bin/env bash
# Sourced by the scripts: points JAVA_HOME at an installed JDK 21 or newer (the default JDK here may be older).
java_major() { "$1/bin/java" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -lt 21 ]; then
  best=""; best_major=0
  for jdk in /usr/lib/jvm/* /opt/java/* /usr/local/java/*; do
    [ -x "$jdk/bin/javac" ] || continue
    major=$(java_major "$jdk" 2>/dev/null || echo 0)
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$jdk; best_major=$major; fi
  done
  [ -n "$best" ] || { echo "No JDK 21+ found; install one (e.g. Temurin 25) and set JAVA_HOME" >&2; return 1 2>/dev/null || exit 1; }
  export JAVA_HOME=$best
fi
export PATH="$JAVA_HOME/bin:$PATH"
