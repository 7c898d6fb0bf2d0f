package dev.quiver.h2.client.http2.hpack;

/**
 * Decodes HPACK's Huffman-coded strings (RFC 7541, section 5.2 and Appendix B). The code is
 * canonical: codes of one length are consecutive and follow the shorter ones in symbol order, so
 * the bit length of each symbol is all the table needs and the codes follow from it.
 *
 * <p>Decoding walks one bit at a time: in a response only the literals a server adds to its table
 * (a new {@code date} once a second, say) are Huffman-coded, never the indexed fields of every
 * response, so a table-driven decoder would buy nothing measurable.
 */
final class HpackHuffman {

    private static final int EOS = 256;
    private static final int MAX_LENGTH = 30;

    /** Code length in bits of symbols 0..255 and EOS (256), from RFC 7541 Appendix B. */
    private static final byte[] LENGTHS = {
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
        28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
        5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
        6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
        24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
        21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
        19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
        26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
        30,
    };

    /** Symbols ordered by (code length, symbol): the order canonical codes are handed out in. */
    private static final int[] SYMBOLS = new int[LENGTHS.length];
    /** Per length: the first code of that length, how many codes have it, and where they start in SYMBOLS. */
    private static final int[] FIRST_CODE = new int[MAX_LENGTH + 1];
    private static final int[] COUNT = new int[MAX_LENGTH + 1];
    private static final int[] FIRST_INDEX = new int[MAX_LENGTH + 1];

    static {
        int n = 0;
        for (int len = 1; len <= MAX_LENGTH; len++) {
            FIRST_INDEX[len] = n;
            for (int s = 0; s < LENGTHS.length; s++) {
                if (LENGTHS[s] == len) {
                    SYMBOLS[n++] = s;
                    COUNT[len]++;
                }
            }
        }
        int code = 0;
        for (int len = 1; len <= MAX_LENGTH; len++) {
            FIRST_CODE[len] = code;
            code = (code + COUNT[len]) << 1;
        }
    }

    private HpackHuffman() {
    }

    /**
     * Decodes {@code length} bytes of {@code in} from {@code offset}; writes the bytes to {@code out}
     * when it is not null (and has room for them, else they are counted only). Returns the decoded
     * length.
     *
     * @throws HpackException for the EOS symbol, or padding longer than 7 bits or not all ones
     */
    static int decode(byte[] in, int offset, int length, byte[] out) throws HpackException {
        int decoded = 0;
        int code = 0;
        int bits = 0; // bits of the current, unfinished code (the code is complete: 30 bits always match)
        for (int i = offset; i < offset + length; i++) {
            int b = in[i];
            for (int k = 7; k >= 0; k--) {
                code = (code << 1) | ((b >>> k) & 1);
                bits++;
                int at = code - FIRST_CODE[bits];
                if (at >= 0 && at < COUNT[bits]) {
                    int symbol = SYMBOLS[FIRST_INDEX[bits] + at];
                    if (symbol == EOS) {
                        throw HpackException.compression("Huffman string holds EOS");
                    }
                    if (out != null && decoded < out.length) {
                        out[decoded] = (byte) symbol;
                    }
                    decoded++;
                    code = 0;
                    bits = 0;
                }
            }
        }
        // What is left must be padding: fewer than 8 bits, the first bits of EOS (all ones).
        if (bits > 7 || code != (1 << bits) - 1) {
            throw HpackException.compression("invalid Huffman padding");
        }
        return decoded;
    }
}
