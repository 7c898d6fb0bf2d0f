# Sourced by the bench scripts: $work, a scratch directory named after $1, and $pids, where a
# script adds each process it starts; at exit every one of them is stopped and the directory removed.
work="$(mktemp -d "/tmp/quiver-bench-$1.XXXXXX")"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
