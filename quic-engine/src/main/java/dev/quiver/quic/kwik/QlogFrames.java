package dev.quiver.quic.kwik;

import java.util.HexFormat;
import java.util.List;
import tech.kwik.core.frame.AckFrame;
import tech.kwik.core.frame.ConnectionCloseFrame;
import tech.kwik.core.frame.CryptoFrame;
import tech.kwik.core.frame.DataBlockedFrame;
import tech.kwik.core.frame.DatagramFrame;
import tech.kwik.core.frame.HandshakeDoneFrame;
import tech.kwik.core.frame.MaxDataFrame;
import tech.kwik.core.frame.MaxStreamDataFrame;
import tech.kwik.core.frame.MaxStreamsFrame;
import tech.kwik.core.frame.NewConnectionIdFrame;
import tech.kwik.core.frame.NewTokenFrame;
import tech.kwik.core.frame.Padding;
import tech.kwik.core.frame.PathChallengeFrame;
import tech.kwik.core.frame.PathResponseFrame;
import tech.kwik.core.frame.PingFrame;
import tech.kwik.core.frame.QuicFrame;
import tech.kwik.core.frame.Range;
import tech.kwik.core.frame.ResetStreamFrame;
import tech.kwik.core.frame.RetireConnectionIdFrame;
import tech.kwik.core.frame.StopSendingFrame;
import tech.kwik.core.frame.StreamDataBlockedFrame;
import tech.kwik.core.frame.StreamFrame;
import tech.kwik.core.frame.StreamsBlockedFrame;
import tech.kwik.core.packet.HandshakePacket;
import tech.kwik.core.packet.InitialPacket;
import tech.kwik.core.packet.QuicPacket;
import tech.kwik.core.packet.RetryPacket;
import tech.kwik.core.packet.ShortHeaderPacket;
import tech.kwik.core.packet.VersionNegotiationPacket;
import tech.kwik.core.packet.ZeroRttPacket;

/**
 * Kwik's packets and frames as qlog 0.3 JSON (draft-ietf-quic-qlog-quic-events-03): packet types,
 * frame types and their fields as qvis draws them. Payloads (stream data, tokens) are left out,
 * only their lengths are written.
 */
final class QlogFrames {

    private static final HexFormat HEX = HexFormat.of();

    private QlogFrames() {
    }

    static String packetType(QuicPacket p) {
        if (p instanceof InitialPacket) {
            return "initial";
        } else if (p instanceof HandshakePacket) {
            return "handshake";
        } else if (p instanceof ZeroRttPacket) {
            return "0RTT";
        } else if (p instanceof ShortHeaderPacket) {
            return "1RTT";
        } else if (p instanceof RetryPacket) {
            return "retry";
        } else if (p instanceof VersionNegotiationPacket) {
            return "version_negotiation";
        }
        return "unknown";
    }

    /** One frame as a JSON object, appended to {@code d}. */
    static void frame(StringBuilder d, QuicFrame f) {
        switch (f) {
            case AckFrame a -> {
                d.append("{\"frame_type\":\"ack\",\"ack_delay\":").append(a.getAckDelay()).append(",\"acked_ranges\":[");
                List<Range> ranges = a.getAcknowledgedRanges();
                // Kwik keeps them largest first; qlog lists them as [smallest, largest] in ascending order.
                for (int i = ranges.size() - 1; i >= 0; i--) {
                    Range r = ranges.get(i);
                    d.append('[').append(r.getSmallest()).append(',').append(r.getLargest()).append(']');
                    if (i > 0) {
                        d.append(',');
                    }
                }
                d.append("]}");
            }
            case StreamFrame s -> d.append("{\"frame_type\":\"stream\",\"stream_id\":").append(s.getStreamId())
                    .append(",\"offset\":").append(s.getOffset()).append(",\"length\":").append(s.getLength())
                    .append(",\"fin\":").append(s.isFinal()).append('}');
            case CryptoFrame c -> d.append("{\"frame_type\":\"crypto\",\"offset\":").append(c.getOffset())
                    .append(",\"length\":").append(c.getLength()).append('}');
            case Padding p -> d.append("{\"frame_type\":\"padding\",\"payload_length\":").append(p.getLength()).append('}');
            case PingFrame p -> d.append("{\"frame_type\":\"ping\"}");
            case HandshakeDoneFrame h -> d.append("{\"frame_type\":\"handshake_done\"}");
            case MaxDataFrame m -> d.append("{\"frame_type\":\"max_data\",\"maximum\":").append(m.getMaxData()).append('}');
            case MaxStreamDataFrame m -> d.append("{\"frame_type\":\"max_stream_data\",\"stream_id\":").append(m.getStreamId())
                    .append(",\"maximum\":").append(m.getMaxData()).append('}');
            case MaxStreamsFrame m -> d.append("{\"frame_type\":\"max_streams\",\"stream_type\":\"")
                    .append(m.isAppliesToBidirectional() ? "bidirectional" : "unidirectional")
                    .append("\",\"maximum\":").append(m.getMaxStreams()).append('}');
            case StreamsBlockedFrame b -> d.append("{\"frame_type\":\"streams_blocked\",\"stream_type\":\"")
                    .append(b.isBidirectional() ? "bidirectional" : "unidirectional")
                    .append("\",\"limit\":").append(b.getStreamLimit()).append('}');
            case StreamDataBlockedFrame b -> d.append("{\"frame_type\":\"stream_data_blocked\",\"stream_id\":")
                    .append(b.getStreamId()).append(",\"limit\":").append(b.getStreamDataLimit()).append('}');
            case DataBlockedFrame b -> d.append("{\"frame_type\":\"data_blocked\"}");
            case ResetStreamFrame r -> d.append("{\"frame_type\":\"reset_stream\",\"stream_id\":").append(r.getStreamId())
                    .append(",\"error_code\":").append(r.getErrorCode()).append(",\"final_size\":").append(r.getFinalSize()).append('}');
            case StopSendingFrame s -> d.append("{\"frame_type\":\"stop_sending\",\"stream_id\":").append(s.getStreamId())
                    .append(",\"error_code\":").append(s.getErrorCode()).append('}');
            case NewConnectionIdFrame n -> {
                d.append("{\"frame_type\":\"new_connection_id\",\"sequence_number\":").append(n.getSequenceNr())
                        .append(",\"retire_prior_to\":").append(n.getRetirePriorTo());
                byte[] id = n.getConnectionId();
                if (id != null) {
                    d.append(",\"connection_id_length\":").append(id.length);
                }
                hexField(d, "connection_id", id);
                d.append('}');
            }
            case RetireConnectionIdFrame r -> d.append("{\"frame_type\":\"retire_connection_id\",\"sequence_number\":")
                    .append(r.getSequenceNr()).append('}');
            case NewTokenFrame t -> d.append("{\"frame_type\":\"new_token\",\"token\":{\"length\":")
                    .append(t.getToken() == null ? 0 : t.getToken().length).append("}}");
            case PathChallengeFrame p -> {
                d.append("{\"frame_type\":\"path_challenge\"");
                hexField(d, "data", p.getData());
                d.append('}');
            }
            case PathResponseFrame p -> {
                d.append("{\"frame_type\":\"path_response\"");
                hexField(d, "data", p.getData());
                d.append('}');
            }
            case ConnectionCloseFrame c -> {
                boolean app = c.hasApplicationProtocolError();
                d.append("{\"frame_type\":\"connection_close\",\"error_space\":\"").append(app ? "application" : "transport")
                        .append("\",\"error_code\":").append(c.getErrorCode());
                if (c.hasReasonPhrase()) {
                    d.append(",\"reason\":");
                    string(d, c.getReasonPhrase());
                }
                d.append('}');
            }
            case DatagramFrame g -> d.append("{\"frame_type\":\"datagram\",\"length\":")
                    .append(g.getData() == null ? 0 : g.getData().length).append('}');
            default -> {
                d.append("{\"frame_type\":\"unknown\",\"raw_frame_type\":");
                string(d, f.getClass().getSimpleName());
                d.append('}');
            }
        }
    }

    /** {@code ,"name":"hex"}, or nothing when {@code bytes} is null. */
    static void hexField(StringBuilder d, String name, byte[] bytes) {
        if (bytes != null) {
            d.append(",\"").append(name).append("\":\"").append(HEX.formatHex(bytes)).append('"');
        }
    }

    /** {@code s} as a JSON string. */
    static void string(StringBuilder d, String s) {
        d.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> d.append("\\\"");
                case '\\' -> d.append("\\\\");
                case '\n' -> d.append("\\n");
                case '\r' -> d.append("\\r");
                case '\t' -> d.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        d.append(String.format("\\u%04x", (int) c));
                    } else {
                        d.append(c);
                    }
                }
            }
        }
        d.append('"');
    }
}
