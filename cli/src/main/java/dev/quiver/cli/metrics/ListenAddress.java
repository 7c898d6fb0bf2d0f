package dev.quiver.cli.metrics;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * Where {@code --metrics-listen} serves: {@code HOST:PORT}, {@code [::1]:PORT}, or a bare
 * {@code PORT} (loopback, 127.0.0.1). A loopback address is always fine; another address only when
 * it is one of this machine's, named on purpose (a scraper on another host). The wildcard
 * ({@code 0.0.0.0}, {@code ::}) is refused: it would put the page on every network the machine is on.
 */
public final class ListenAddress {

    private ListenAddress() {
    }

    /** The address to bind, or an {@link IllegalArgumentException} with one line saying what is wrong. */
    public static InetSocketAddress parse(String text) {
        String t = text == null ? "" : text.trim();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("'" + t + "' is not HOST:PORT (an IPv6 address as [::1]:9464)");
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else if (t.indexOf(':') != t.lastIndexOf(':')) {
            throw new IllegalArgumentException("'" + t + "': write an IPv6 address in brackets, [::1]:9464");
        } else if (t.contains(":")) {
            host = t.substring(0, t.indexOf(':'));
            port = t.substring(t.indexOf(':') + 1);
        } else {
            host = "127.0.0.1";
            port = t;
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "': the port must be a number 0..65535 (HOST:PORT, e.g. 127.0.0.1:9464)");
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("'" + t + "': the port must be 0..65535");
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + host + "' does not resolve");
        }
        if (a.isAnyLocalAddress()) {
            throw new IllegalArgumentException("'" + t + "': not on every interface; give loopback (127.0.0.1:" + p
                    + ") or one address of this machine");
        }
        if (!a.isLoopbackAddress() && !ownAddress(a)) {
            throw new IllegalArgumentException("'" + host + "' is not an address of this machine");
        }
        return new InetSocketAddress(a, p);
    }

    private static boolean ownAddress(InetAddress a) {
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
