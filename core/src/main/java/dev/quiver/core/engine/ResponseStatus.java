package dev.quiver.core.engine;

/** The {@code :status} of an HTTP/2 or HTTP/3 response, read the same way by every engine. */
public final class ResponseStatus {

    private ResponseStatus() {
    }

    /** The three-digit status code, or 0 when the field is missing or not three digits. */
    public static int parse(CharSequence status) {
        if (status == null || status.length() != 3) {
            return 0;
        }
        int v = 0;
        for (int i = 0; i < 3; i++) {
            char ch = status.charAt(i);
            if (ch < '0' || ch > '9') {
                return 0;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }
}
