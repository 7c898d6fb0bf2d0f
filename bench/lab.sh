#!/usr/bin/env bash
# quiver lab measured: how exact the link's RTT is, whether a rate limit gives the download time it
# should, and what the link costs and where it saturates. Every lab uses --seed 1; rerunnable.
#
#   sudo bench/lab.sh                 # all parts
#   sudo bench/lab.sh rtt rate cost   # some of them (default: rtt rate cost hol)
#   ROUNDS=3 DURATION=10 sudo bench/lab.sh cost
#
#   rtt   --rtt 100ms: TCP connect, TLS, one request, first response (curl, HTTP/2), and quiver's own
#         phases over HTTP/2 and HTTP/3 (both engines), in RTTs
#   rate  --rate 10mbit: a 10 MB download over HTTP/1.1, HTTP/2, HTTP/3 netty and kwik (expected ~8 s:
#         10^7 bytes x 8 / 10^7 bit/s, plus header overhead)
#   hol   head-of-line blocking: loss 0/1/2/5 % at --rtt 40ms, -c 1 -p 20, 100 KB responses; h2 against
#         h3 netty and h3 kwik: req/s, p50, p99, TCP retransmits / QUIC packets lost (from the report's
#         transport block), packets the link dropped; HOL_LOSSES and DURATION change it, HOL_TCP_CC=cubic
#         gives TCP the congestion control of the QUIC stacks (the machine's default may be BBR)
#   cost  no impairment: req/s through the lab against the same server on loopback (HTTP/2, HTTP/3),
#         a 200 MB HTTP/2 download through the lab (bytes/s, packets/s), and a UDP flood from the
#         client side (packets/s the link forwards)
# Needs root (namespaces, TUN devices). Load averages are printed with each figure: on a shared machine
# they say how much to trust it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/find-jdk.sh"
DURATION="${DURATION:-10}"
ROUNDS="${ROUNDS:-2}"
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(rtt rate cost hol)
jar="$root/cli/target/quiver.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests -pl cli -am package)
[ "$(id -u)" = 0 ] || { echo "bench/lab.sh: needs root (quiver lab creates network namespaces)" >&2; exit 2; }
. "$root/bench/scratch.sh" lab

q() { "$JAVA_HOME/bin/java" $QUIVER_JVM_FLAGS -jar "$jar" "$@"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
json() {  # file python-expression-on-d
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
results=()
hol=()
row() { results+=("$(printf "| %-62s | %-40s | %s |" "$1" "$2" "$3")"); echo "bench: $1: $2 (load1 $3)" >&2; }

part_rtt() {
    local rtt=100
    # curl over HTTP/2, 7 fresh connections in one lab: TCP connect, TLS (1.3), request, first response
    q lab --rtt ${rtt}ms --seed 1 --client-cmd 'for i in 1 2 3 4 5 6 7; do curl -sk --http2 https://{server}/ -o /dev/null -w "%{time_connect} %{time_appconnect} %{time_starttransfer}\n"; done' \
        > "$work/curl.txt" 2> "$work/curl.err" || { cat "$work/curl.err" >&2; return 1; }
    local l; l=$(load1)
    local tcp tls req first
    tcp=$(awk 'NF==3 && $1 ~ /^[0-9.]+$/ {print $1*1000}' "$work/curl.txt" | median)
    tls=$(awk 'NF==3 && $1 ~ /^[0-9.]+$/ {print ($2-$1)*1000}' "$work/curl.txt" | median)
    req=$(awk 'NF==3 && $1 ~ /^[0-9.]+$/ {print ($3-$2)*1000}' "$work/curl.txt" | median)
    first=$(awk 'NF==3 && $1 ~ /^[0-9.]+$/ {print $3*1000}' "$work/curl.txt" | median)
    row "curl h2: TCP connect (1 RTT)" "$(awk -v v="$tcp" -v r=$rtt 'BEGIN{printf "%.1f ms = %.2f RTT", v, v/r}')" "$l"
    row "curl h2: TLS 1.3 handshake (1 RTT)" "$(awk -v v="$tls" -v r=$rtt 'BEGIN{printf "%.1f ms = %.2f RTT", v, v/r}')" "$l"
    row "curl h2: request on the new connection (1 RTT)" "$(awk -v v="$req" -v r=$rtt 'BEGIN{printf "%.1f ms = %.2f RTT", v, v/r}')" "$l"
    row "curl h2: first response (3 RTT)" "$(awk -v v="$first" -v r=$rtt 'BEGIN{printf "%.1f ms = %.2f RTT", v, v/r}')" "$l"
    # gtlsclient (ngtcp2) over HTTP/3, 7 fresh connections: the server's Handshake flight (1 RTT), the response (2 RTT)
    q lab --rtt ${rtt}ms --seed 1 --client-cmd 'for i in 1 2 3 4 5 6 7; do gtlsclient --exit-on-all-streams-close --no-http-dump {server} 443 https://{server}/ 2>&1 \
        | awk '"'"'/frm rx .* Handshake CRYPTO/ && !h {h=substr($1,2)+0} / frm rx .* STREAM\(0x0[ef]\) id=0x0 / && !r {r=substr($1,2)+0} END {print h, r}'"'"'; done' \
        > "$work/gtls.txt" 2> "$work/gtls.err" || { cat "$work/gtls.err" >&2; return 1; }
    l=$(load1)
    local hs resp
    hs=$(awk 'NF==2 && $1 ~ /^[0-9]+$/ {print $1}' "$work/gtls.txt" | median)
    resp=$(awk 'NF==2 && $1 ~ /^[0-9]+$/ {print $2}' "$work/gtls.txt" | median)
    row "gtlsclient h3: server's handshake flight (1 RTT)" "$(awk -v v="$hs" -v r=$rtt 'BEGIN{printf "%.1f ms = %.2f RTT", v, v/r}')" "$l"
    row "gtlsclient h3: first response (2 RTT)" "$(awk -v v="$resp" -v r=$rtt 'BEGIN{printf "%.1f ms = %.2f RTT", v, v/r}')" "$l"
    # quiver's own phases: 8 connections, 80 requests one at a time per connection; min is the network's part
    for v in "2 netty" "3 netty" "3 kwik"; do
        set -- $v
        q lab --rtt ${rtt}ms --seed 1 -- run https://{server}/ -k --http "$1" --engine "$2" -c 8 -n 80 --json --no-progress \
            > "$work/q.json" 2> "$work/q.err" || { tail -3 "$work/q.err" >&2; continue; }
        l=$(load1)
        local name="quiver h$1/$2"
        # each phase as "min / p50" in ms and in RTTs; quiver's QUIC handshake lasts until HANDSHAKE_DONE (2 RTT)
        while IFS='|' read -r what value; do row "$name: $what" "$value" "$l"; done < <(python3 - "$work/q.json" "$rtt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); rtt = float(sys.argv[2]); p = d['phases_ms']
def f(label, lo, mid):
    print('%s|%.1f / %.1f ms = %.2f / %.2f RTT' % (label, lo, mid, lo / rtt, mid / rtt))
if d['protocol'] == 'HTTP/2':
    f('TCP connect min / p50 (1 RTT)', p['connect']['min'], p['connect']['p50'])
    f('TLS handshake min / p50 (1 RTT)', p['tls_handshake']['min'], p['tls_handshake']['p50'])
    first = p['connect']['min'] + p['tls_handshake']['min'] + d['latency_ms']['min']
    print('first response, sum of the minima (3 RTT)|%.1f ms = %.2f RTT' % (first, first / rtt))
else:
    f('QUIC handshake to HANDSHAKE_DONE min / p50 (2 RTT)', p['quic_handshake']['min'], p['quic_handshake']['p50'])
    first = p['quic_handshake']['min'] + d['latency_ms']['min']
    print('first response after HANDSHAKE_DONE, sum of the minima (3 RTT)|%.1f ms = %.2f RTT' % (first, first / rtt))
f('request min / p50 (1 RTT)', d['latency_ms']['min'], d['latency_ms']['p50'])
print('link late by at most|%.2f ms' % max(d['link']['to_server']['max_late_ms'], d['link']['to_client']['max_late_ms']))
PY
)
    done
}

part_rate() {
    for v in "1.1 netty" "2 netty" "3 netty" "3 kwik"; do
        set -- $v
        q lab --rate 10mbit --seed 1 -- run https://{server}/bytes/10000000 -k --http "$1" --engine "$2" -c 1 -n 1 -t 60s --json --no-progress \
            > "$work/q.json" 2> "$work/q.err" || { tail -3 "$work/q.err" >&2; continue; }
        row "10 MB at --rate 10mbit, h$1/$2 (~8 s)" "$(json "$work/q.json" "'%.2f s, %s/%s ok, %.2f Mbit/s of IP packets, max queue delay %.0f ms' % (d['latency_ms']['max']/1000, d['requests']['ok'], d['requests']['total'], d['link']['to_client']['bytes']*8/d['latency_ms']['max']/1000, d['link']['to_client']['max_queue_delay_ms'])")" "$(load1)"
    done
}

part_hol() {
    local losses="${HOL_LOSSES:-0 1 2 5}"
    hol=("| loss | client | req/s | p50 ms | p99 ms | TCP retransmits / QUIC lost | link dropped (to server / to client) | load1 |"
         "|---|---|---|---|---|---|---|---|")
    for loss in $losses; do
        for v in "2 netty" "3 netty" "3 kwik"; do
            set -- $v
            q lab --rtt 40ms --loss "$loss%" --seed 7 ${HOL_TCP_CC:+--tcp-cc "$HOL_TCP_CC"} -- run https://{server}/bytes/100000 -k --http "$1" --engine "$2" \
                -c 1 -p 20 -z "${DURATION}s" --json --no-progress > "$work/h.json" 2> "$work/h.err" || { tail -3 "$work/h.err" >&2; continue; }
            hol+=("$(python3 - "$work/h.json" "$loss" "h$1 $2" "$(load1)" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); t = d.get('transport') or {}
lost = t.get('retransmits') if d['protocol'] != 'HTTP/3' else t.get('packets_lost')
link = d['link']
ms = lambda v: '-' if v is None else '%.1f' % v
print('| %s %% | %s | %d | %s | %s | %s | %d / %d | %s |' % (sys.argv[2], sys.argv[3], round(d['rps']), ms(d['latency_ms'].get('p50')),
      ms(d['latency_ms'].get('p99')), '-' if lost is None else lost, link['to_server']['dropped_loss'], link['to_client']['dropped_loss'], sys.argv[4]))
PY
)")
            echo "bench: ${hol[-1]}" >&2
        done
    done
}

free_port() { python3 -c 'import socket; t=socket.socket(); t.bind(("127.0.0.1",0)); print(t.getsockname()[1])'; }

part_cost() {
    local port; port=$(free_port)
    # java itself in the background (not the q function, whose subshell's pid would be the one killed)
    "$JAVA_HOME/bin/java" $QUIVER_JVM_FLAGS -jar "$jar" serve --port "$port" --plain-port -1 > "$work/serve.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 200); do grep -q 'h3, UDP' "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
    for http in 2 3; do
        local direct=() lab=()
        for r in $(seq "$ROUNDS"); do
            q run "https://127.0.0.1:$port/" -k --http $http -c 4 -p 10 -z "${DURATION}s" --json --no-progress > "$work/d.json" 2>/dev/null || true
            direct+=("$(json "$work/d.json" "round(d['rps'])" 2>/dev/null || echo 0)")
            q lab --seed 1 -- run https://{server}/ -k --http $http -c 4 -p 10 -z "${DURATION}s" --json --no-progress > "$work/l.json" 2>/dev/null || true
            lab+=("$(json "$work/l.json" "round(d['rps'])" 2>/dev/null || echo 0)")
            echo "bench: h$http round $r: loopback ${direct[-1]} req/s, lab ${lab[-1]} req/s (load1 $(load1))" >&2
        done
        row "h$http -c4 -p10 req/s, loopback (median)" "$(printf '%s\n' "${direct[@]}" | median)" "$(load1)"
        row "h$http -c4 -p10 req/s, through the lab (median)" "$(printf '%s\n' "${lab[@]}" | median)" "$(load1)"
        row "  the lab's link late by at most" "$(json "$work/l.json" "'%.2f ms' % max(d['link']['to_server']['max_late_ms'], d['link']['to_client']['max_late_ms'])" 2>/dev/null || echo -)" "$(load1)"
    done
    kill "${pids[-1]}" 2>/dev/null || true
    # bulk: one 200 MB HTTP/2 download through an unimpaired link
    q lab --seed 1 -- run https://{server}/bytes/200000000 -k --http 2 -c 1 -n 1 -t 120s --json --no-progress > "$work/b.json" 2>/dev/null || true
    row "200 MB h2 download through the link" "$(json "$work/b.json" "'%.1f MB/s, %.0f packets/s to the client, %.0f to the server' % (200/(d['latency_ms']['max']/1000), d['link']['to_client']['forwarded']/(d['latency_ms']['max']/1000), d['link']['to_server']['forwarded']/(d['latency_ms']['max']/1000))" 2>/dev/null || echo failed)" "$(load1)"
    # raw packets: a UDP flood (1200-byte datagrams) from the client side for 5 s; the link forwards what it can
    q lab --seed 1 --json --client-cmd "python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 22)
b = bytes(1200); n = 0; end = time.time() + 5
while time.time() < end:
    for _ in range(100):
        try:
            s.sendto(b, (\"{server}\", 9)); n += 1
        except OSError:
            pass
print(n)
'" > "$work/f.txt" 2>/dev/null || true
    local sent; sent=$(head -1 "$work/f.txt")
    python3 - "$work/f.txt" "$sent" <<'PY' > "$work/f.row"
import json, sys
text = open(sys.argv[1]).read()
d = json.loads(text[text.index('{'):])
up = d['to_server']
print('%d/s offered, %d/s received by the link, %d/s forwarded (5 s)' % (int(sys.argv[2]) / 5, up['received'] / 5, up['forwarded'] / 5))
PY
    row "UDP flood, 1228-byte packets" "$(cat "$work/f.row")" "$(load1)"
}

for p in "${parts[@]}"; do
    case "$p" in
        rtt) part_rtt ;;
        rate) part_rate ;;
        cost) part_cost ;;
        hol) part_hol ;;
        *) echo "bench/lab.sh: unknown part $p (rtt, rate, cost, hol)" >&2; exit 2 ;;
    esac
done

echo
echo "quiver lab bench, $(nproc) cores; load1 = 1-minute load average when the figure was taken"
echo "| measure | result | load1 |"
echo "|---|---|---|"
printf '%s\n' "${results[@]}"
if [ ${#hol[@]} -gt 0 ]; then
    echo
    echo "Head-of-line blocking: --rtt 40ms, -c 1 -p 20, 100 KB responses, ${DURATION} s per cell, seed 7, TCP ${HOL_TCP_CC:-as the machine default}"
    printf '%s\n' "${hol[@]}"
fi
