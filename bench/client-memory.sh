#!/usr/bin/env bash
# quiver's own memory over a long run, with the launcher's flags: per engine, req/s, the old
# generation (jstat's OU) a quarter of the way in and near the end, its growth per second between the
# two, and the peak RSS (VmHWM) near the end. A growing old generation is what a young generation too
# small for the requests in flight promotes; the serial collector collects it only once it can grow no
# further (see ./quiver).
#
#   bench/client-memory.sh                       # 40 s per case, against quiver serve
#   DURATION=120 bench/client-memory.sh kwik     # one case, longer
#   QUIVER_JAVA_OPTS="-XX:+UseSerialGC -Xms8m -XX:MaxNewSize=16m" bench/client-memory.sh   # other flags
#
# Cases: h2 (HTTP/2, -c10 -p10), h3 (HTTP/3 netty, -c1 -p100), kwik (HTTP/3 kwik, -c1 -p100). The
# server is `quiver serve` on 127.0.0.1, stopped at exit. QUIVER_JAR and QUIVER_JAVA_OPTS are the
# launcher's (another build's jar, other JVM flags).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-40}"
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(h2 h3 kwik)
[ "$DURATION" -ge 12 ] || { echo "bench: DURATION must be at least 12 (seconds)" >&2; exit 2; }
. "$root/bench/scratch.sh" client-memory

"$root/quiver" --version >/dev/null   # builds the jar once, before any timing
. "$root/scripts/find-jdk.sh"

QUIVER_JAVA_OPTS= "$root/quiver" serve --port 0 --plain-port -1 > "$work/serve.out" 2>&1 &
pids+=($!)
for _ in $(seq 300); do grep -q 'https://127' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o 'https://127.0.0.1:[0-9]*' "$work/serve.out" | head -1 | cut -d: -f3)
[ -n "$port" ] || { echo "bench: quiver serve did not start: $(head -c 300 "$work/serve.out")" >&2; exit 1; }

old_kb() { "$JAVA_HOME/bin/jstat" -gc "$1" | awk 'NR==1 {for (i = 1; i <= NF; i++) if ($i == "OU") c = i} NR==2 {printf "%d", $c}'; }
hwm_mb() { awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }

echo "| case | load | req/s | old gen at $((DURATION / 4)) s | at $((DURATION - 2)) s | growth | peak RSS |"
echo "|---|---|---|---|---|---|---|"
for c in "${cases[@]}"; do
    case "$c" in
        h2) args=(--http 2 -c 10 -p 10) ;;
        h3) args=(--http 3 -c 1 -p 100) ;;
        kwik) args=(--http 3 --engine kwik -c 1 -p 100) ;;
        *) echo "bench: unknown case $c (h2, h3, kwik)" >&2; exit 2 ;;
    esac
    # The launcher execs the JVM: this pid is the client's.
    "$root/quiver" run "https://127.0.0.1:$port/" --insecure "${args[@]}" -z "${DURATION}s" --json --no-progress \
        > "$work/run.json" 2> "$work/run.err" &
    client=$!
    t1=$((DURATION / 4)); t2=$((DURATION - 2))
    sleep "$t1"; o1=$(old_kb "$client")
    sleep $((t2 - t1)); o2=$(old_kb "$client"); rss=$(hwm_mb "$client")
    wait "$client" || { echo "bench: $c failed: $(head -c 300 "$work/run.err")" >&2; exit 1; }
    rps=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["rps"]))' "$work/run.json")
    awk -v c="$c" -v l="${args[*]}" -v r="$rps" -v o1="$o1" -v o2="$o2" -v s="$((t2 - t1))" -v m="$rss" \
        'BEGIN { printf "| %s | %s | %d | %.1f MB | %.1f MB | %.0f KB/s | %d MB |\n", c, l, r, o1 / 1024, o2 / 1024, (o2 - o1) / s, m }'
done
