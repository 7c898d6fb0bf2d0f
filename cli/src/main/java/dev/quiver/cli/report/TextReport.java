package dev.quiver.cli.report;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.report.LoadModel;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.report.Units;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.TrackerCounts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The human report of one run, in the spirit of oha: summary, latency, phases, statuses, errors, streams, connections, transport. */
public final class TextReport {

    private static final int HISTOGRAM_BUCKETS = 11;
    private static final int BAR_WIDTH = 32;

    private TextReport() {
    }

    /** The report as text. */
    public static String render(RunResult r) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        print(r, out);
        out.flush();
        return text.toString();
    }

    private static void print(RunResult r, PrintWriter out) {
        var p = r.parameters();
        ClientBoundReport.printWarning(r, out);
        out.println("Summary:");
        out.printf(Locale.ROOT, "  Target:        %s%n", r.target());
        out.printf(Locale.ROOT, "  Protocol:      %s (engine %s%s)%n", r.protocol().displayName(), r.engine(),
                r.alpn().isEmpty() ? "" : ", ALPN " + r.alpn());
        String model = r.ramp() != null ? RampReport.model(r.ramp()) : r.model() == LoadModel.OPEN
                ? String.format(Locale.ROOT, "open, %.1f req/s on a fixed schedule; latency from the intended start", p.rate())
                : "closed; latency from the actual start";
        out.printf(Locale.ROOT, "  Model:         %s%n", model);
        out.printf(Locale.ROOT, "  Load:          %d connections x %d streams, stopped by %s%n",
                p.connections(), p.streamsPerConnection(), stoppedBy(r.stopReason()));
        out.printf(Locale.ROOT, "  Success rate:  %.2f%%%n", r.successRate() * 100);
        out.printf(Locale.ROOT, "  Total:         %.4f s%n", r.durationSeconds());
        out.printf(Locale.ROOT, "  Requests:      %d (ok %d, failed %d, aborted at end %d, retried %d)%n",
                r.requests().total(), r.requests().ok(), r.requests().failed(), r.requests().aborted(), r.requests().retried());
        out.printf(Locale.ROOT, "  Requests/sec:  %.2f%n", r.rps());
        Histogram lat = r.histograms().latency();
        if (lat.getTotalCount() > 0) {
            out.printf(Locale.ROOT, "  Slowest:       %s%n", Units.formatMillis(Units.millis(lat.getMaxValue())));
            out.printf(Locale.ROOT, "  Fastest:       %s%n", Units.formatMillis(Units.millis(lat.getMinValue())));
            out.printf(Locale.ROOT, "  Average:       %s%n", Units.formatMillis(Units.meanMillis(lat)));
        }
        out.printf(Locale.ROOT, "  Data:          received %s, sent %s (bodies)%n", Units.formatBytes(r.bytes().received()),
                Units.formatBytes(r.bytes().sent()));
        WarmupReport.print(r, out);
        ClientBoundReport.print(r, out);
        out.println();
        PerRequestReport.print(r, out);
        RampReport.print(r, out);

        if (lat.getTotalCount() > 0) {
            out.println("Latency percentiles:");
            for (double q : new double[] {50, 90, 99, 99.9}) {
                out.printf(Locale.ROOT, "  p%-5s %s%n", trim(q), Units.formatMillis(Units.percentileMillis(lat, q)));
            }
            out.printf(Locale.ROOT, "  max    %s%n", Units.formatMillis(Units.millis(lat.getMaxValue())));
            out.println();
            printHistogram(lat, out);
            out.println();
        }

        out.println("Phases (p50 / p99):");
        phase(out, "Connect", r.histograms().connect());
        phase(out, "TLS handshake", r.histograms().tlsHandshake());
        phase(out, "QUIC handshake", r.histograms().quicHandshake());
        phase(out, "First byte", r.histograms().firstByte());
        out.println();

        out.println("Status codes:");
        if (r.status().isEmpty()) {
            out.println("  (no complete responses)");
        }
        for (Map.Entry<String, Long> e : r.status().entrySet()) {
            out.printf(Locale.ROOT, "  [%s] %d responses%n", e.getKey(), e.getValue());
        }
        out.println();

        out.println("Errors:");
        if (r.errors().isEmpty()) {
            // A connect that failed once no request was left costs none; it must not hide behind "none".
            long connectFailures = r.connections().connectFailures();
            out.println(connectFailures == 0 ? "  none"
                    : "  none in requests; " + connectFailures + " connects failed (see Connections)");
        }
        for (Map.Entry<String, Long> e : r.errors().entrySet()) {
            out.printf(Locale.ROOT, "  [%d] %s%n", e.getValue(), e.getKey());
        }
        out.println();

        TrackerCounts s = r.streams();
        out.println("Streams:");
        out.printf(Locale.ROOT, "  opened %d =", s.opened());
        for (StreamState st : StreamState.values()) {
            out.printf(Locale.ROOT, " %s %d", st.key(), s.terminal(st));
        }
        out.printf(Locale.ROOT, " + live %d%n", s.live());
        out.printf(Locale.ROOT, "  double terminal %d, forced by watchdog %d%n", s.doubleTerminal(), s.forcedByWatchdog());
        out.printf(Locale.ROOT, "  %s%n", s.balanced() ? "ok: every stream reached exactly one terminal state"
                : "stream leak: " + r.leakedStreams() + " streams never reached a terminal state");
        out.println();

        out.println("Connections:");
        RunResult.Connections c = r.connections();
        out.printf(Locale.ROOT, "  opened %d, lost %d, connect failures %d, GOAWAY received %d%n",
                c.opened(), c.lost(), c.connectFailures(), c.goaways());
        for (Map.Entry<String, Long> e : c.connectErrors().entrySet()) {
            out.printf(Locale.ROOT, "  connect failed [%d] %s%n", e.getValue(), e.getKey());
        }
        if (r.protocol() == Protocol.HTTP_3) {
            var f = c.facts();
            out.printf(Locale.ROOT, "  QUIC versions %s, ALPN %s, resumed %d, 0-RTT %d, Retry %d%s%n",
                    f.quicVersions().isEmpty() ? "unknown" : f.quicVersions(), r.alpn().isEmpty() ? "unknown" : r.alpn(),
                    f.resumed(), f.earlyData(), f.retry(),
                    f.unknownResumption() > 0 ? " (resumption not observable for " + f.unknownResumption() + ")" : "");
        }
        if (c.peerStreamLimitMin() >= 0 && r.protocol() != Protocol.HTTP_1_1) {
            out.printf(Locale.ROOT, "  peer stream limit %s, waited for stream credit %.1f ms%n",
                    limit(c.peerStreamLimitMin(), c.peerStreamLimitMax()), c.creditWaitMillis());
        }
        out.println();

        out.println(TransportText.heading(r.transport()));
        for (String line : TransportText.lines(r.transport(), TransportText.requestStreams(r))) {
            out.println("  " + line);
        }
    }

    private static String stoppedBy(StopReason stopReason) {
        return switch (stopReason) {
            case INTERRUPTED -> "Ctrl-C (SIGINT)";
            case TERMINATED -> "SIGTERM";
            case THRESHOLD -> "a threshold that could no longer pass (--threshold-abort)";
            default -> stopReason.key();
        };
    }

    private static String limit(int min, int max) {
        String a = min == Integer.MAX_VALUE ? "unlimited" : Integer.toString(min);
        String b = max == Integer.MAX_VALUE ? "unlimited" : Integer.toString(max);
        return min == max ? a : a + ".." + b;
    }

    private static void phase(PrintWriter out, String name, Histogram h) {
        if (h.getTotalCount() == 0) {
            return;
        }
        out.printf(Locale.ROOT, "  %-15s %s / %s  (%d)%n", name + ":", Units.formatMillis(Units.percentileMillis(h, 50)),
                Units.formatMillis(Units.percentileMillis(h, 99)), h.getTotalCount());
    }

    private static void printHistogram(Histogram h, PrintWriter out) {
        out.println("Response time histogram:");
        long min = h.getMinValue();
        long max = h.getMaxValue();
        double step = Math.max(1, (max - min) / (double) (HISTOGRAM_BUCKETS - 1));
        long[] counts = new long[HISTOGRAM_BUCKETS];
        long peak = 1;
        for (int i = 0; i < HISTOGRAM_BUCKETS; i++) {
            long lo = i == 0 ? 0 : (long) (min + step * (i - 0.5)) + 1;
            long hi = (long) (min + step * (i + 0.5));
            counts[i] = h.getCountBetweenValues(lo, Math.max(lo, hi));
            peak = Math.max(peak, counts[i]);
        }
        for (int i = 0; i < HISTOGRAM_BUCKETS; i++) {
            int bar = (int) Math.round((double) counts[i] / peak * BAR_WIDTH);
            out.printf(Locale.ROOT, "  %12s [%d] |%s%n", Units.formatMillis(Units.millis(min + step * i)), counts[i], "#".repeat(bar));
        }
    }

    private static String trim(double q) {
        return q == Math.rint(q) ? Long.toString((long) q) : Double.toString(q);
    }
}
