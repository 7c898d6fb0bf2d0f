package dev.quiver.lab.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {

    @TempDir
    Path dir;

    @Test
    void answersWithTheLinkAsOfTheQuestion() throws IOException {
        AtomicLong forwarded = new AtomicLong();
        Path sock = dir.resolve("control.sock");
        try (ControlServer server = ControlServer.start(sock, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", 7L);
            m.put("to_server", Map.of("forwarded", forwarded.get()));
            m.put("note", "a \"quoted\"\nline");
            m.put("none", null);
            m.put("list", List.of(1.5, true));
            return m;
        })) {
            forwarded.set(41);
            assertEquals("{\"seed\":7,\"to_server\":{\"forwarded\":41},\"note\":\"a \\\"quoted\\\"\\nline\",\"none\":null,\"list\":[1.5,true]}",
                    ControlClient.link(sock));
            forwarded.set(42);
            assertEquals("{\"seed\":7,\"to_server\":{\"forwarded\":42},\"note\":\"a \\\"quoted\\\"\\nline\",\"none\":null,\"list\":[1.5,true]}",
                    ControlClient.link(sock));
        }
        assertFalse(Files.exists(sock), "the socket file goes with the server");
    }

    @Test
    void aSilentClientHoldsUpNobodyAndAnUnknownRequestGetsAnError() throws IOException {
        Path sock = dir.resolve("c.sock");
        try (ControlServer server = ControlServer.start(sock, () -> Map.of("seed", 1));
             SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.connect(UnixDomainSocketAddress.of(sock));
            assertEquals("{\"seed\":1}", ControlClient.link(sock));
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                c.connect(UnixDomainSocketAddress.of(sock));
                c.write(ByteBuffer.wrap("stats\n".getBytes(StandardCharsets.UTF_8)));
                ByteBuffer b = ByteBuffer.allocate(200);
                while (c.read(b) >= 0) {
                    // until the server closes
                }
                assertEquals("{\"error\":\"unknown request (ask: link)\"}\n", new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void otherRequestsGoToTheLabsCommandsWhoseAnswerComesBack() throws IOException {
        Path sock = dir.resolve("c.sock");
        List<String> asked = new java.util.ArrayList<>();
        try (ControlServer server = ControlServer.start(sock, () -> Map.of("seed", 1), request -> {
            asked.add(request);
            return Map.of("seed", 2);
        })) {
            assertEquals("{\"seed\":2}", ControlClient.ask(sock, "set rtt=1500ms"));
            assertEquals("{\"seed\":2}", ControlClient.ask(sock, "restore"));
            assertEquals("{\"seed\":1}", ControlClient.link(sock));
            assertEquals(List.of("set rtt=1500ms", "restore"), asked);
        }
    }
}
