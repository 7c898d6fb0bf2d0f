#!/usr/bin/env bash
# Two builds of quiver against the same C servers, runs alternated (A B A B ...): did a change make
# quiver slower? Prints, per case and build, the median req/s and client CPU seconds per 100k
# requests.
#
#   bench/ab.sh OLD.jar NEW.jar                 # 10 s runs, 3 rounds
#   DURATION=5 ROUNDS=5 bench/ab.sh OLD.jar cli/target/quiver.jar
#
# A jar of an older commit: git worktree add /tmp/old <commit> && (cd /tmp/old && mvn -q -o -DskipTests
# package -pl cli -am) && cp /tmp/old/cli/target/quiver.jar old.jar.
# Cases: HTTP/2 against nghttpd (-c 10 -p 10), HTTP/3 (netty engine) against gtlsserver (-c 1 -p 100).
# Everything listens on 127.0.0.1 and is stopped at exit. Measure on a quiet machine (uptime < 1).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -eq 2 ] || { echo "usage: bench/ab.sh A.jar B.jar" >&2; exit 2; }
jars=("$(realpath "$1")" "$(realpath "$2")")
DURATION="${DURATION:-10}"
ROUNDS="${ROUNDS:-3}"
. "$root/bench/scratch.sh" ab

"$root/scripts/install-packages.sh" nghttpd:nghttp2-server gtlsserver:ngtcp2-server openssl:openssl
. "$root/scripts/find-jdk.sh"

free_port() {  # free on both TCP and UDP
    python3 -c '
import socket
while True:
    t = socket.socket(); t.bind(("127.0.0.1", 0)); p = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", p)); print(p); break
    except OSError:
        pass
    finally:
        t.close(); u.close()'
}
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "bench: port $1 did not open" >&2; return 1; }

printf 'hello world' > "$work/index.html"    # 11 bytes, as in ../shared/PEERS.md
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

ng=$(free_port)
nghttpd -d "$work" "$ng" "$work/key.pem" "$work/cert.pem" > /dev/null 2>&1 &
pids+=($!); wait_port "$ng"
gt=$(free_port)
gtlsserver -q -d "$work" 127.0.0.1 "$gt" "$work/key.pem" "$work/cert.pem" > "$work/gtlsserver.log" 2>&1 &
pids+=($!); sleep 1

# one run: prints "<req/s> <cpu seconds per 100k requests>"
run() {  # jar url http c p
    /usr/bin/time -f '%U %S' -o "$work/time" "$JAVA_HOME/bin/java" $QUIVER_JVM_FLAGS -jar "$1" run "$2" --insecure \
        --http "$3" -c "$4" -p "$5" -z "${DURATION}s" --json --no-progress > "$work/out" 2> "$work/err" || true
    python3 - "$work/out" "$work/time" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    ok = d["requests"]["ok"] if isinstance(d.get("requests"), dict) else d.get("ok", 0)
    rps = d["rps"]
except Exception:
    print("0 -"); sys.exit()
u, s = map(float, open(sys.argv[2]).read().split()[-2:])
print(round(rps), "%.2f" % ((u + s) * 100000 / max(ok, 1)))
PY
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

cases=("h2-nghttpd https://127.0.0.1:$ng/index.html 2 10 10" "h3-gtlsserver https://127.0.0.1:$gt/index.html 3 1 100")
for c in "${cases[@]}"; do
    read -r name url http conns streams <<< "$c"
    : > "$work/A"; : > "$work/B"
    for r in $(seq "$ROUNDS"); do
        run "${jars[0]}" "$url" "$http" "$conns" "$streams" >> "$work/A"
        run "${jars[1]}" "$url" "$http" "$conns" "$streams" >> "$work/B"
    done
    for side in A B; do
        jar="${jars[0]}"; [ "$side" = B ] && jar="${jars[1]}"
        printf '%-15s %s %-40s req/s %8s  cpu s/100k %6s  runs: %s\n' "$name" "$side" "$(basename "$jar")" \
            "$(cut -d' ' -f1 "$work/$side" | median)" "$(cut -d' ' -f2 "$work/$side" | median)" \
            "$(cut -d' ' -f1 "$work/$side" | tr '\n' ' ')"
    done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
