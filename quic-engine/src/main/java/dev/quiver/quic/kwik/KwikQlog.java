package dev.quiver.quic.kwik;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import tech.kwik.core.frame.QuicFrame;
import tech.kwik.core.log.QLog;
import tech.kwik.core.packet.LongHeaderPacket;
import tech.kwik.core.packet.QuicPacket;

/**
 * One Kwik connection's qlog, written by quiver: Kwik 0.10.8 has a qlog front end only on its
 * server side (its back end, a separate artifact, writes every connection of the process into a
 * directory from the environment). A client connection calls {@link QLog} for packets sent and
 * lost, congestion and RTT metrics and its close, and hands every received packet to its logger,
 * which passes it here ({@link HandshakeTap#received}).
 *
 * <p>The file is qlog 0.3 as JSON text sequences (RFC 7464): a header record, then one record per
 * event, each behind a record separator; qvis reads it as it is. Events are written as they come
 * through a buffer, never held: memory stays the same however long the connection lives. A write
 * that fails (disk full) ends the file, not the connection.
 */
public final class KwikQlog implements QLog {

    private static final char RS = '\u001e';

    private final Writer out;
    private final Instant reference;
    private final String description;
    private boolean headerWritten;
    private boolean closed;
    /** Whether Kwik reported the connection's close (a connection_closed event is in the file). */
    private boolean closeEventWritten;
    /** The latest event time written: qvis wants times that never go back (see {@link #event}). */
    private double lastMillis;

    private KwikQlog(Writer out, Instant reference, String description) {
        this.out = out;
        this.reference = reference;
        this.description = description;
    }

    /**
     * Opens {@code file} for one connection.
     *
     * @throws IOException when the file cannot be created
     */
    public static KwikQlog create(Path file, String description) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new KwikQlog(w, Instant.now(), description);
    }

    /** A packet Kwik received and parsed, handed over by the connection's logger. */
    void packetReceived(QuicPacket packet, Instant time) {
        packet("transport:packet_received", packet, time);
    }

    @Override
    public void emitConnectionCreatedEvent(Instant created) {
        // Not called on a client connection; the header and the first Initial say when it started.
    }

    @Override
    public void emitPacketSentEvent(QuicPacket packet, Instant sent) {
        packet("transport:packet_sent", packet, sent);
    }

    @Override
    public void emitPacketSentEvent(List<QuicPacket> packets, Instant sent) {
        for (QuicPacket p : packets) {
            packet("transport:packet_sent", p, sent);
        }
    }

    @Override
    public void emitPacketReceivedEvent(QuicPacket packet, Instant received) {
        // Only Kwik's server calls it; a client's received packets come through its logger (packetReceived).
    }

    @Override
    public void emitPacketLostEvent(QuicPacket packet, Instant lost) {
        StringBuilder d = new StringBuilder("{\"header\":");
        header(d, packet);
        d.append('}');
        event("recovery:packet_lost", lost, d);
    }

    @Override
    public void emitConnectionTerminatedEvent() {
        close();
    }

    @Override
    public void emitCongestionControlMetrics(long congestionWindow, long bytesInFlight) {
        event("recovery:metrics_updated", Instant.now(), new StringBuilder("{\"congestion_window\":").append(congestionWindow)
                .append(",\"bytes_in_flight\":").append(bytesInFlight).append('}'));
    }

    @Override
    public void emitRttMetrics(int smoothedRtt, int rttVar, int latestRtt) {
        event("recovery:metrics_updated", Instant.now(), new StringBuilder("{\"smoothed_rtt\":").append(smoothedRtt)
                .append(",\"rtt_variance\":").append(rttVar).append(",\"latest_rtt\":").append(latestRtt).append('}'));
    }

    @Override
    public void emitRecoveryMetrics(long congestionWindow, long bytesInFlight, int smoothedRtt, int rttVar, int latestRtt) {
        event("recovery:metrics_updated", Instant.now(), new StringBuilder("{\"congestion_window\":").append(congestionWindow)
                .append(",\"bytes_in_flight\":").append(bytesInFlight).append(",\"smoothed_rtt\":").append(smoothedRtt)
                .append(",\"rtt_variance\":").append(rttVar).append(",\"latest_rtt\":").append(latestRtt).append('}'));
    }

    @Override
    public void emitConnectionClosedEvent(Instant time) {
        event("connectivity:connection_closed", time, new StringBuilder("{\"owner\":\"local\",\"trigger\":\"idle_timeout\"}"));
        closeEventWritten = true;
        close(); // Kwik's last word on the connection
    }

    @Override
    public void emitConnectionClosedEvent(Instant time, long errorCode, String errorReason) {
        // Kwik does not say whether the code is a transport or an application one (0x100 is either).
        StringBuilder d = new StringBuilder("{\"owner\":\"local\",\"error_code\":").append(errorCode);
        if (errorReason != null) {
            d.append(",\"reason\":");
            QlogFrames.string(d, errorReason);
        }
        event("connectivity:connection_closed", time, d.append('}'));
        closeEventWritten = true;
        close(); // sent after the CONNECTION_CLOSE: Kwik's last word on the connection
    }

    /**
     * Flushes and closes the file; later events are dropped. A file Kwik did not report the close of
     * (quiver's engine shut down first, or the handshake failed) still ends with the connection's
     * close, said to be quiver's, so that a reader sees where the connection ended.
     */
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (!closeEventWritten) {
            closeEventWritten = true;
            event("connectivity:connection_closed", Instant.now(), new StringBuilder(
                    "{\"owner\":\"local\",\"trigger\":\"application\",\"reason\":\"closed by quiver before Kwik reported the close\"}"));
        }
        closed = true;
        try {
            if (!headerWritten) {
                writeHeader();
            }
            out.close();
        } catch (IOException e) {
            // the file ends where it could be written
        }
    }

    private void packet(String name, QuicPacket packet, Instant time) {
        if (packet == null) {
            return;
        }
        StringBuilder d = new StringBuilder("{\"header\":");
        header(d, packet);
        int size = size(packet);
        if (size > 0) {
            d.append(",\"raw\":{\"length\":").append(size).append('}');
        }
        d.append(",\"frames\":[");
        List<QuicFrame> frames = packet.getFrames();
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                d.append(',');
            }
            QlogFrames.frame(d, frames.get(i));
        }
        d.append("]}");
        event(name, time, d);
    }

    private static void header(StringBuilder d, QuicPacket packet) {
        d.append("{\"packet_type\":\"").append(QlogFrames.packetType(packet)).append('"');
        Long pn = packet.getPacketNumber();
        if (pn != null) {
            d.append(",\"packet_number\":").append(pn);
        }
        if (packet instanceof LongHeaderPacket l) {
            QlogFrames.hexField(d, "scid", l.getSourceConnectionId());
        }
        QlogFrames.hexField(d, "dcid", packet.getDestinationConnectionId());
        d.append('}');
    }

    private static int size(QuicPacket packet) {
        try {
            return packet.getSize();
        } catch (RuntimeException e) {
            return 0; // Kwik throws when it has not sized the packet (one it has not sent or parsed)
        }
    }

    /**
     * Writes one event. Kwik reports a packet after it sent or parsed it, with the time it was
     * sent or received, so events come a little out of order; qvis warns about such a trace and
     * sorts it. An event earlier than the last one written is written at the last one's time.
     */
    private synchronized void event(String name, Instant time, StringBuilder data) {
        if (closed) {
            return;
        }
        try {
            if (!headerWritten) {
                writeHeader();
            }
            double ms = (time == null ? 0 : java.time.Duration.between(reference, time).toNanos()) / 1e6;
            lastMillis = Math.max(lastMillis, ms);
            out.append(RS).append("{\"time\":").append(millis(lastMillis)).append(",\"name\":\"").append(name)
                    .append("\",\"data\":").append(data).append("}\n");
        } catch (IOException e) {
            closed = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing more to save
            }
        }
    }

    /** Milliseconds to the microsecond, never in exponent notation. */
    private static String millis(double ms) {
        return String.format(java.util.Locale.ROOT, "%.3f", ms);
    }

    /** The header record: qlog 0.3, one trace, times in milliseconds relative to the connection's start. */
    private void writeHeader() throws IOException {
        headerWritten = true;
        StringBuilder h = new StringBuilder();
        h.append(RS).append("{\"qlog_version\":\"0.3\",\"qlog_format\":\"JSON-SEQ\",\"title\":\"quiver\",\"description\":");
        QlogFrames.string(h, description);
        h.append(",\"trace\":{\"vantage_point\":{\"type\":\"client\",\"name\":\"quiver kwik\"},\"common_fields\":{")
                .append("\"time_format\":\"relative\",\"reference_time\":")
                .append(millis(reference.toEpochMilli() + (reference.getNano() % 1_000_000) / 1e6))
                .append(",\"protocol_type\":[\"QUIC\",\"HTTP3\"]}}}\n");
        out.append(h);
    }
}
