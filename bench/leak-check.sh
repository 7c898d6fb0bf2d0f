#!/usr/bin/env bash
# quiver leak-check against quiver serve with each leak switch and without: per case the verdict,
# the slope of the leaking resource per 1k requests (95% interval), and the detection time
# (seconds of load, warm-up included, until the slope's lower bound first exceeded the limit, or
# for stream credit until the stall rule held); then the false alarms over the clean runs.
#
#   bench/leak-check.sh                      # 5 clean runs per case, 6 s loads
#   ROUNDS=10 DURATION=10s bench/leak-check.sh
#
# Same flags as the leak-check tests (interop-tests LeakCheckTest). Everything on 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-6s}"
work="$(mktemp -d /tmp/quiver-leak-bench.XXXXXX)"
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
"$root/quiver" --version >/dev/null   # builds the jar once
. "$root/scripts/find-jdk.sh" >/dev/null
jar="$root/cli/target/quiver.jar"
java="$JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED"

start_server() {
    $java -Xms256m -Xmx256m -XX:+AlwaysPreTouch -jar "$jar" serve --port 0 --plain-port 0 "$@" >"$work/serve.out" 2>&1 &
    server=$!
    for _ in $(seq 600); do grep -q 'http://127' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
    tls=$(grep -o 'https://127.0.0.1:[0-9]*' "$work/serve.out" | head -1 | cut -d: -f3)
    plain=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1 | cut -d: -f3)
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

# check NAME RESOURCE SCHEME HTTP "SERVE FLAGS" "LOAD FLAGS": prints one line
check() {
    local name="$1" resource="$2" scheme="$3" http="$4" serve_flags="$5" load_flags="$6"
    # shellcheck disable=SC2086
    start_server $serve_flags
    local port=$plain; [ "$scheme" = https ] && port=$tls
    set +e
    # shellcheck disable=SC2086
    $java -jar "$jar" leak-check "$scheme://127.0.0.1:$port/" --insecure --http "$http" -z "$DURATION" \
        --baseline 1s --cooldown 2s --sample-interval 250ms --json --watch-pid "$server" \
        --watch-prometheus "http://127.0.0.1:$plain/metrics" $load_flags >"$work/out.json" 2>"$work/err.txt"
    local code=$?
    set -e
    stop_server
    if [ ! -s "$work/out.json" ]; then
        echo "$name  exit $code  no report: $(head -c 300 "$work/err.txt")"
        return
    fi
    python3 - "$work/out.json" "$name" "$resource" "$code" <<'PY'
import json, math, sys
path, name, resource, code = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
j = json.load(open(path))
T = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
     2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
def t975(df): return T[df - 1] if df <= 30 else 1.960 + 2.4 / df
def low(xs, ys):
    n = len(xs); mx = sum(xs) / n; my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx <= 0: return None
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    a = my - b * mx
    sse = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys))
    return b - t975(n - 2) * math.sqrt(sse / (n - 2) / sxx)
limits = {"bytes": 1024 * 1024, "count": 1.0, "ms": 1000.0, "millis": 1000.0}
r = next((x for x in j["resources"] if x["resource"] == resource), None)
leaks = [x["resource"] for x in j["resources"] if x["verdict"] == "leak"]
line = f"{name:40s} exit {code}  verdict {j['verdict']:8s}"
if r is not None and r["verdict"] == "leak":
    s = r["slope_per_1k_requests"]
    unit = r["unit"]
    start = next(p["t"] for p in r["samples"] if p["phase"] in ("warmup", "load"))
    load = [p for p in r["samples"] if p["phase"] == "load"]
    detected = None
    if unit == "millis":
        for k in range(3, len(load) + 1):
            tail = load[:k]; i = k - 1
            while i > 0 and tail[i - 1]["requests"] == tail[-1]["requests"]: i -= 1
            secs = tail[-1]["t"] - tail[i]["t"]
            if k - i >= 3 and secs > 0 and tail[-1]["value"] - tail[i]["value"] >= 0.5 * secs * 1000:
                detected = tail[-1]["t"] - start; break
    else:
        for k in range(3, len(load) + 1):
            lb = low([p["requests"] for p in load[:k]], [p["value"] for p in load[:k]])
            if lb is not None and lb * 1000 > limits[unit]:
                detected = load[k - 1]["t"] - start; break
    slope = "stalled" if s is None else f"{s['value']:.4g} ({s['low']:.4g} .. {s['high']:.4g}) {unit}/1k req"
    det = "-" if detected is None else f"{detected:.2f} s"
    line += f"  {resource}: slope {slope}, detected after {det} of load"
elif leaks:
    line += "  leaking: " + ", ".join(leaks)
print(line)
PY
}

rate="-c 4 -p 4 -q 500"
echo "== leaks (one run each) =="
check "bytes/request, HTTP/1.1"   jvm_memory_used_bytes http  1.1 "--leak-bytes-per-request 16384" "$rate"
check "bytes/request, HTTP/2"     jvm_memory_used_bytes https 2   "--leak-bytes-per-request 16384" "$rate"
check "bytes/request, HTTP/3"     jvm_memory_used_bytes https 3   "--leak-bytes-per-request 16384" "$rate"
check "connections, HTTP/1.1 TLS" jvm_memory_used_bytes https 1.1 "--goaway-every 1 --leak-connections" "-c 4"
check "connections, HTTP/2"       jvm_memory_used_bytes https 2   "--goaway-every 1 --leak-connections" "-c 4"
check "connections, HTTP/3"       jvm_memory_used_bytes https 3   "--goaway-every 1 --leak-connections" "-c 4 --warmup 2s"
check "streams, HTTP/2"           "server stream credit wait" https 2 "--max-streams 50 --leak-streams" "-c 4 -p 10"
check "streams, HTTP/3"           "server stream credit wait" https 3 "--leak-streams" "-c 4 -p 10"
echo "== clean runs ($ROUNDS each) =="
for i in $(seq "$ROUNDS"); do
    check "clean HTTP/1.1"              jvm_memory_used_bytes http  1.1 "" "$rate"
    check "clean HTTP/2"                jvm_memory_used_bytes https 2   "" "$rate"
    check "clean HTTP/3"                jvm_memory_used_bytes https 3   "" "$rate"
    check "clean HTTP/1.1 TLS, goaway 1" jvm_memory_used_bytes https 1.1 "--goaway-every 1" "-c 4"
    check "clean HTTP/2, goaway 1"      jvm_memory_used_bytes https 2   "--goaway-every 1" "-c 4"
    check "clean HTTP/3, goaway 1"      jvm_memory_used_bytes https 3   "--goaway-every 1" "-c 4 --warmup 2s"
    check "clean HTTP/2, max-streams 50" "server stream credit wait" https 2 "--max-streams 50" "-c 4 -p 10"
    check "clean HTTP/3, -p 10"          "server stream credit wait" https 3 "" "-c 4 -p 10"
done | tee "$work/clean.txt"
echo "false alarms: $(grep -vc 'exit 0' "$work/clean.txt" || true) of $(wc -l <"$work/clean.txt") clean runs"
