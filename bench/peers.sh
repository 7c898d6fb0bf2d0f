#!/usr/bin/env bash
# quiver beside h2load and wrk: same server, same connections and streams, runs alternated
# (A B A B ...), medians and the quiver/peer ratio printed at the end.
#
#   bench/peers.sh                 # all targets, 10 s runs, 3 rounds
#   DURATION=5 ROUNDS=5 bench/peers.sh embedded nghttpd
#   WARMUP=5 bench/peers.sh nghttpd  # quiver warm: 5 s of load first (--warmup), its CPU not counted
#   QUIVER_ARGS="--io-threads 1 --busy-poll" bench/peers.sh nghttpd
#                                    # quiver with more flags: one spinning loop, as h2load -t 1 and wrk -t 1
#                                    # run one thread (warm, the CPU column leaves out idle spinning)
#
# Targets: embedded (quiver serve), nghttpd (HTTP/2), caddy (HTTP/1.1 and HTTP/2). Everything
# listens on 127.0.0.1 and is stopped at exit. Needs root for apt-get when peers are missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-0}"                 # seconds of unmeasured load before each quiver run
QUIVER_ARGS="${QUIVER_ARGS:-}"        # more flags for every quiver run
ROUNDS="${ROUNDS:-3}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(embedded nghttpd caddy)
. "$root/bench/scratch.sh" peers

"$root/scripts/install-packages.sh" h2load:nghttp2-client nghttpd:nghttp2-server wrk:wrk caddy:caddy openssl:openssl

"$root/quiver" --version >/dev/null   # builds the jar once, before any timing

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "bench: port $1 did not open" >&2; return 1; }

# --- servers -----------------------------------------------------------------------------
printf 'hello world' > "$work/index.html"    # 11 bytes, as in ../shared/PEERS.md
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

start_embedded() {
    tls=$(free_port); plain=$(free_port)
    "$root/quiver" serve --port "$tls" --plain-port "$plain" > "$work/serve.log" 2>&1 &
    pids+=($!); wait_port "$tls"; wait_port "$plain"
}
start_nghttpd() {
    ng=$(free_port)
    nghttpd -d "$work" "$ng" "$work/key.pem" "$work/cert.pem" > /dev/null 2>&1 &
    pids+=($!); wait_port "$ng"
}
start_caddy() {
    cd_port=$(free_port); admin=$(free_port)
    cat > "$work/Caddyfile" <<CADDY
{
    admin 127.0.0.1:$admin
    auto_https disable_redirects
    servers {
        protocols h1 h2
    }
}
https://127.0.0.1:$cd_port, https://localhost:$cd_port {
    tls internal
    respond "hello world"
}
CADDY
    HOME="$work" XDG_DATA_HOME="$work" XDG_CONFIG_HOME="$work" caddy run --config "$work/Caddyfile" --adapter caddyfile > "$work/caddy.log" 2>&1 &
    pids+=($!); wait_port "$cd_port"; sleep 1
}

# --- clients: each prints "<req/s> <client cpu seconds>" ------------------------------------
timed() { /usr/bin/time -f '%U %S' -o "$work/time" "$@" > "$work/out" 2>&1 || true
          awk '{printf "%.2f", $1+$2}' "$work/time"; }
run_quiver() {  # url http c p
    cpu=$(timed "$root/quiver" run "$1" --insecure --http "$2" \
        -c "$3" -p "$4" -z "${DURATION}s" --warmup "${WARMUP}s" --json --no-progress $QUIVER_ARGS)
    # warm: the CPU of the measured part only (the client-bound check's process CPU time)
    [ "$WARMUP" = 0 ] || cpu=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["client_bound"]["cpu_s"])' "$work/out" 2>/dev/null || echo 0)
    rps=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["rps"]))' "$work/out" 2>/dev/null || echo 0)
    echo "$rps $cpu"
}
run_h2load() {  # url http c p
    local h1=(); [ "$2" = "1.1" ] && h1=(--h1)
    cpu=$(timed h2load "${h1[@]}" -c "$3" -m "$4" -D "$DURATION" -t 1 "$1")
    rps=$(sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' "$work/out" | head -1)
    echo "${rps%.*} $cpu"
}
run_wrk() {  # url http c p
    cpu=$(timed wrk -t 1 -c "$3" -d "${DURATION}s" "$1")
    rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$work/out")
    echo "${rps%.*} $cpu"
}

. "$root/scripts/find-jdk.sh"
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print 0; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

results=()
compare() {  # label url http c p peer
    local label="$1" url="$2" http="$3" c="$4" p="$5" peer="$6" q=() o=() qc=() oc=()
    for r in $(seq "$ROUNDS"); do
        read -r a ac < <(run_quiver "$url" "$http" "$c" "$p")
        read -r b bc < <("run_$peer" "$url" "$http" "$c" "$p")
        q+=("$a"); o+=("$b"); qc+=("$ac"); oc+=("$bc")
        echo "bench: $label round $r: quiver $a req/s (${ac}s cpu), $peer $b req/s (${bc}s cpu)" >&2
    done
    qm=$(printf '%s\n' "${q[@]}" | median); om=$(printf '%s\n' "${o[@]}" | median)
    qcm=$(printf '%s\n' "${qc[@]}" | median); ocm=$(printf '%s\n' "${oc[@]}" | median)
    ratio=$(awk -v a="$qm" -v b="$om" 'BEGIN { if (b > 0) printf "%.2f", a/b; else print "-" }')
    results+=("$(printf '| %-34s | %-6s | -c%s -p%s | %8s | %8s | %-6s | %5s | %5s/%-5s |' "$label" "$peer" "$c" "$p" "$qm" "$om" "$peer" "$ratio" "$qcm" "$ocm")")
}

for t in "${targets[@]}"; do
    case "$t" in
        embedded)
            start_embedded
            compare "embedded HTTP/2 TLS" "https://127.0.0.1:$tls/" 2 10 10 h2load
            compare "embedded HTTP/2 TLS" "https://127.0.0.1:$tls/" 2 50 1 h2load
            compare "embedded HTTP/1.1" "http://127.0.0.1:$plain/" 1.1 50 1 h2load
            compare "embedded HTTP/1.1" "http://127.0.0.1:$plain/" 1.1 50 1 wrk
            ;;
        nghttpd)
            start_nghttpd
            compare "nghttpd HTTP/2 TLS" "https://127.0.0.1:$ng/index.html" 2 10 10 h2load
            compare "nghttpd HTTP/2 TLS" "https://127.0.0.1:$ng/index.html" 2 50 1 h2load
            ;;
        caddy)
            start_caddy
            compare "caddy HTTP/2 TLS" "https://localhost:$cd_port/" 2 10 10 h2load
            compare "caddy HTTP/1.1 TLS" "https://localhost:$cd_port/" 1.1 50 1 wrk
            ;;
        *) echo "bench: unknown target $t" >&2; exit 2 ;;
    esac
done

echo
echo "median of $ROUNDS alternated ${DURATION}s runs (quiver after ${WARMUP}s of warm-up); cpu = client user+sys seconds per run (quiver warm: of the measured part)"
echo "| target                             | peer   | load      | quiver   | peer     |        | ratio | cpu q/peer  |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${results[@]}"
