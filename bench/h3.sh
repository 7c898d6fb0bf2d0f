#!/usr/bin/env bash
# HTTP/3 with both engines beside HTTP/2 on the same server, and beside gtlsclient (ngtcp2) against
# gtlsserver: same connections and streams, runs alternated (netty, kwik, HTTP/2 or gtlsclient, then
# again), medians of req/s, p99, client CPU and the 1-minute load average printed at the end.
#
#   bench/h3.sh                          # all targets, 10 s runs, 2 rounds
#   DURATION=5 ROUNDS=3 bench/h3.sh embedded gtls
#   WARMUP=5 bench/h3.sh gtls            # quiver warm: 5 s of load first (--warmup), its CPU not counted
#   BASELINE_JAR=/tmp/quiver-main.jar GTLS_LOAD=1:100 GTLS_CLIENTS="netty gtlsclient" bench/h3.sh gtls
#                                        # netty of this build and of another, and gtlsclient
#   ROUNDS=5 GTLS_REQUESTS=1000000 bench/h3.sh servers   # quiver serve beside gtlsserver, gtlsclient driving both
#
# Targets: embedded (quiver serve), caddy (HTTP/3 and HTTP/2), gtls (gtlsserver; gtlsclient sends
# GTLS_REQUESTS requests on one connection, req/s = requests / wall time, handshake included),
# servers (the servers compared, not the clients: gtlsclient against quiver serve and against
# gtlsserver, alternated, after one unmeasured run each; the server's CPU per request from /proc).
# Everything listens on 127.0.0.1 and is stopped at exit. Needs root for apt-get when peers are missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-0}"                  # seconds of unmeasured load before each quiver run
ROUNDS="${ROUNDS:-2}"
GTLS_REQUESTS="${GTLS_REQUESTS:-300000}"
LOADS="${LOADS:-4:50 1:50}"            # connections:streams pairs
GTLS_LOAD="${GTLS_LOAD:-1:50}"         # connections:streams against gtlsserver
BASELINE_JAR="${BASELINE_JAR:-}"       # a quiver.jar of another build: its netty engine runs too, as netty-base
GTLS_CLIENTS="${GTLS_CLIENTS:-netty kwik gtlsclient}"  # against gtlsserver (netty-base added with BASELINE_JAR)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(embedded caddy gtls)
. "$root/bench/scratch.sh" h3

"$root/scripts/install-packages.sh" caddy:caddy gtlsclient:ngtcp2-client gtlsserver:ngtcp2-server openssl:openssl

"$root/quiver" --version >/dev/null   # builds the jar once, before any timing
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
wait_log() { for _ in $(seq 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "bench: no '$2' in $1" >&2; return 1; }

# --- servers -----------------------------------------------------------------------------
printf 'hello world' > "$work/index.html"    # 11 bytes, as in ../shared/PEERS.md
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

start_embedded() {
    em=$(free_port)
    "$JAVA_HOME/bin/java" $QUIVER_JVM_FLAGS -jar "$root/cli/target/quiver.jar" serve --port "$em" --plain-port -1 > "$work/serve.log" 2>&1 &
    em_pid=$!; pids+=($!); wait_port "$em"; wait_log "$work/serve.log" 'h3, UDP'
}
start_caddy() {
    cd_port=$(free_port); admin=$(free_port)
    cat > "$work/Caddyfile" <<CADDY
{
    admin 127.0.0.1:$admin
    auto_https disable_redirects
    local_certs
    skip_install_trust
    default_sni localhost
    servers {
        protocols h1 h2 h3
    }
}
https://localhost:$cd_port, https://127.0.0.1:$cd_port {
    bind 127.0.0.1
    tls internal
    respond "hello world"
}
CADDY
    HOME="$work" XDG_DATA_HOME="$work" XDG_CONFIG_HOME="$work" caddy run --config "$work/Caddyfile" --adapter caddyfile > "$work/caddy.log" 2>&1 &
    cd_pid=$!; pids+=($!); wait_port "$cd_port"; sleep 2
}
start_gtls() {
    gt=$(free_port)
    gtlsserver -q -d "$work" 127.0.0.1 "$gt" "$work/key.pem" "$work/cert.pem" > "$work/gtlsserver.log" 2>&1 &
    gt_pid=$!; pids+=($!); sleep 1
    # gtlsclient exits 0 even when nothing worked: count the answers of a short run first
    ok=$(gtlsclient --no-quic-dump --exit-on-all-streams-close -n 100 127.0.0.1 "$gt" "https://localhost:$gt/index.html" 2>&1 | grep -c ':status: 200' || true)
    [ "$ok" = 100 ] || { echo "bench: gtlsclient got $ok of 100 answers from gtlsserver" >&2; exit 1; }
}

# --- clients: each prints "<req/s> <p99 ms> <client cpu seconds> <load1> <client cpu us per request> <requests>",
# requests counting a warm-up's too (the server's CPU and the datagrams below are of the whole run) ---
load1() { cut -d' ' -f1 /proc/loadavg; }
timed() { /usr/bin/time -f '%U %S' -o "$work/time" "$@" > "$work/out" 2> "$work/err" || true
          awk '{printf "%.2f", $1+$2}' "$work/time"; }
run_quiver() {  # url http engine c p [jar]
    local engine=(); [ "$3" = "-" ] || engine=(--engine "$3")
    cpu=$(timed env ${6:+QUIVER_JAR="$6"} "$root/quiver" run "$1" --insecure --http "$2" \
        "${engine[@]}" -c "$4" -p "$5" -z "${DURATION}s" --warmup "${WARMUP}s" --json --no-progress)
    read -r rps p99 n warm_cpu all < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(round(d["rps"]), d["latency_ms"]["p99"], d["requests"]["total"], d["client_bound"]["cpu_s"], d["requests"]["total"] + d["warmup"]["requests"])' "$work/out" 2>/dev/null || echo "0 - 0 0 0")
    [ "$WARMUP" = 0 ] || cpu=$warm_cpu   # warm: the CPU of the measured part only
    echo "$rps $p99 $cpu $(load1) $(awk -v c="$cpu" -v n="$n" 'BEGIN { if (n > 0) printf "%.1f", c * 1e6 / n; else print "-" }') $all"
}
run_gtlsclient() {  # url [port]
    local start end
    start=$(date +%s.%N)
    cpu=$(timed gtlsclient -q --exit-on-all-streams-close -n "$GTLS_REQUESTS" 127.0.0.1 "${2:-$gt}" "$1")
    end=$(date +%s.%N)
    echo "$(awk -v n="$GTLS_REQUESTS" -v s="$start" -v e="$end" 'BEGIN { printf "%d", n / (e - s) }') - $cpu $(load1)" \
        "$(awk -v c="$cpu" -v n="$GTLS_REQUESTS" 'BEGIN { printf "%.1f", c * 1e6 / n }') $GTLS_REQUESTS"
}
# UDP datagrams received on this machine so far: on loopback, what client and server sent each other
udp_datagrams() { awk '/^Udp:/ { getline; print $2 }' /proc/net/snmp; }
process_cpu() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }
# gtlsclient against a server: "<req/s> <server cpu seconds> <server cpu us per request> <load1>"
run_server() {  # url port server-pid
    local before rps
    before=$(process_cpu "$3")
    read -r rps _ < <(run_gtlsclient "$1" "$2")
    awk -v a="$before" -v b="$(process_cpu "$3")" -v n="$GTLS_REQUESTS" -v r="$rps" -v l="$(load1)" \
        'BEGIN { printf "%d %.2f %.1f %s", r, b - a, (b - a) * 1e6 / n, l }'
}

median() { awk '$1 != "-"' | sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

results=()
server_results=()
declare -A col
compare() {  # target url c p server-pid client...   (client: netty | netty-base | kwik | h2 | gtlsclient)
    local target="$1" url="$2" c="$3" p="$4" server="$5"; shift 5
    local cpu0 udp0
    col=()
    for r in $(seq "$ROUNDS"); do
        for client in "$@"; do
            cpu0=$(process_cpu "$server"); udp0=$(udp_datagrams)
            case "$client" in
                netty|kwik) out=$(run_quiver "$url" 3 "$client" "$c" "$p") ;;
                netty-base) out=$(run_quiver "$url" 3 netty "$c" "$p" "$BASELINE_JAR") ;;
                h2) out=$(run_quiver "$url" 2 - "$c" "$p") ;;
                gtlsclient) out=$(run_gtlsclient "$url") ;;
            esac
            # the server's CPU and the datagrams both ways, per request of the whole run
            out="$out $(awk -v a="$cpu0" -v b="$(process_cpu "$server")" -v u0="$udp0" -v u1="$(udp_datagrams)" -v n="${out##* }" \
                'BEGIN { if (n > 0) printf "%.1f %.2f", (b - a) * 1e6 / n, (u1 - u0) / n; else print "- -" }')"
            echo "bench: $target -c$c -p$p round $r $client: $out (req/s p99 cpu load1 cpu-us/req requests server-us/req datagrams/req)" >&2
            col[$client]+="$out"$'\n'
        done
    done
    for client in "$@"; do
        local f=()
        for i in 1 2 3 4 5 6 7 8; do f+=("$(printf '%s' "${col[$client]}" | awk -v i="$i" 'NF {print $i}' | median)"); done
        local label="quiver HTTP/3 $client"
        [ "$client" = h2 ] && label="quiver HTTP/2"
        [ "$client" = gtlsclient ] && label="gtlsclient ($GTLS_REQUESTS req)"
        [ "$client" = netty-base ] && label="quiver HTTP/3 netty (baseline)"
        results+=("$(printf '| %-10s | %-30s | -c%s -p%s | %8s | %8s | %6s | %9s | %9s | %8s | %5s |' "$target" "$label" "$c" "$p" "${f[0]}" "${f[1]}" "${f[2]}" "${f[4]}" "${f[6]}" "${f[7]}" "${f[3]}")")
    done
}

for t in "${targets[@]}"; do
    case "$t" in
        embedded)
            start_embedded
            for l in $LOADS; do compare embedded "https://127.0.0.1:$em/" "${l%:*}" "${l#*:}" "$em_pid" netty kwik h2; done ;;
        caddy)
            start_caddy
            for l in $LOADS; do compare caddy "https://localhost:$cd_port/" "${l%:*}" "${l#*:}" "$cd_pid" netty kwik h2; done ;;
        gtls)
            start_gtls
            clients=()
            for cl in $GTLS_CLIENTS; do
                clients+=("$cl"); [ "$cl" != netty ] || [ -z "$BASELINE_JAR" ] || clients+=(netty-base)
            done
            compare gtlsserver "https://localhost:$gt/index.html" "${GTLS_LOAD%:*}" "${GTLS_LOAD#*:}" "$gt_pid" "${clients[@]}" ;;
        servers)
            [ -n "${em:-}" ] || start_embedded
            [ -n "${gt:-}" ] || start_gtls
            run_server "https://localhost:$em/" "$em" "$em_pid" > /dev/null   # the JIT's first run
            run_server "https://localhost:$gt/index.html" "$gt" "$gt_pid" > /dev/null
            declare -A srv=()
            for r in $(seq "$ROUNDS"); do
                for s in quiver-serve gtlsserver; do
                    if [ "$s" = quiver-serve ]; then out=$(run_server "https://localhost:$em/" "$em" "$em_pid")
                    else out=$(run_server "https://localhost:$gt/index.html" "$gt" "$gt_pid"); fi
                    echo "bench: servers round $r $s: $out (req/s server-cpu server-cpu-us/req load1)" >&2
                    srv[$s]+="$out"$'\n'
                done
            done
            for s in quiver-serve gtlsserver; do
                f=()
                for i in 1 2 3 4; do f+=("$(printf '%s' "${srv[$s]}" | awk -v i="$i" 'NF {print $i}' | median)"); done
                server_results+=("$(printf '| %-17s | %8s | %10s | %17s | %5s |' "$s" "${f[0]}" "${f[1]}" "${f[2]}" "${f[3]}")")
            done ;;
        *) echo "bench: unknown target $t" >&2; exit 2 ;;
    esac
done

echo
if [ ${#results[@]} -gt 0 ]; then
    echo "median of $ROUNDS alternated runs (quiver ${DURATION}s after ${WARMUP}s of warm-up); cpu = client user+sys seconds per run (quiver warm: of the measured part);" \
         "server us/req = the server's CPU per request, datagrams/req = UDP datagrams both ways per request (both of the whole run, warm-up included); load1 at the run's end"
    echo "| server     | client                         | load      |    req/s |  p99 ms |    cpu | cpu us/req | server us/req | datagrams/req | load1 |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${results[@]}"
fi
if [ ${#server_results[@]} -gt 0 ]; then
    echo "median of $ROUNDS alternated runs of gtlsclient ($GTLS_REQUESTS requests, 1 connection, handshake included);" \
         "cpu = the server's user+sys seconds during the run"
    echo "| server            |    req/s | server cpu | server cpu us/req | load1 |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${server_results[@]}"
fi
