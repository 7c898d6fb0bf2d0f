package dev.quiver.quic.kwik.h3;

import dev.quiver.http3.LocalSettings;
import java.io.IOException;
import java.io.OutputStream;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicStream;

/**
 * Opens this client's control stream on a Kwik connection and writes its SETTINGS
 * ({@link LocalSettings}). It stays open for the connection's life (closing it is a connection error).
 */
public final class ControlStream {

    private ControlStream() {
    }

    public static void open(QuicConnection quic) throws IOException {
        QuicStream stream = quic.createStream(false);
        OutputStream out = stream.getOutputStream();
        out.write(LocalSettings.controlStream());
        out.flush();
    }
}
