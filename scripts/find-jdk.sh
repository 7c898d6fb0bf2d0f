# Sourced by ./quiver and ./run-tests: sets JAVA_HOME to a JDK >= 21 or exits with a clear message.
# Order: $JAVA_HOME when it is new enough, else the newest JDK under /usr/lib/jvm.

java_major() {
    # Prints the feature version of the JDK at $1 (e.g. 25), or nothing.
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

quiver_find_jdk() {
    local need=21 best="" best_major=0 dir major
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
        major=$(java_major "$JAVA_HOME")
        if [ -n "$major" ] && [ "$major" -ge "$need" ]; then
            return 0
        fi
    fi
    for dir in /usr/lib/jvm/*; do
        [ -x "$dir/bin/javac" ] || continue
        [ -L "$dir" ] && continue
        major=$(java_major "$dir")
        if [ -n "$major" ] && [ "$major" -ge "$need" ] && [ "$major" -gt "$best_major" ]; then
            best="$dir"
            best_major="$major"
        fi
    done
    if [ -z "$best" ]; then
        echo "quiver: needs a JDK >= $need; none found (JAVA_HOME=${JAVA_HOME:-unset}, nothing suitable under /usr/lib/jvm)." >&2
        echo "quiver: install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME." >&2
        exit 2
    fi
    export JAVA_HOME="$best"
}

quiver_find_jdk
export PATH="$JAVA_HOME/bin:$PATH"
QUIVER_JDK_MAJOR=$(java_major "$JAVA_HOME")
# Netty uses sun.misc.Unsafe and loads native code (epoll, BoringSSL); newer JDKs warn about both.
QUIVER_JVM_FLAGS="--enable-native-access=ALL-UNNAMED"
if [ "$QUIVER_JDK_MAJOR" -ge 23 ]; then
    QUIVER_JVM_FLAGS="$QUIVER_JVM_FLAGS --sun-misc-unsafe-memory-access=allow"
fi
export QUIVER_JVM_FLAGS
export MAVEN_OPTS="${MAVEN_OPTS:-} $QUIVER_JVM_FLAGS"
