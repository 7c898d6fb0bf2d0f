package dev.quiver.h2.client.http2.hpack;

import java.nio.charset.StandardCharsets;

/**
 * Decodes the HPACK header blocks of one connection's responses (RFC 7541) for the one field quiver
 * reads, {@code :status}. Every representation is still decoded in full: the dynamic table must
 * stay in step with the server's, each field counts towards the header list limit, and a malformed
 * block is refused. What the table keeps of an entry is its sizes and, for a {@code :status}
 * entry, the code; no name or value is ever built, so a response whose fields are all indexed (a
 * server's usual answer once its table is warm) allocates nothing.
 *
 * <p>Not thread-safe: one instance per connection, used on its event loop.
 */
public final class ResponseStatusDecoder {

    /** The block has no {@code :status} field (trailers). */
    public static final int NO_STATUS = -1;
    /** The {@code :status} value is not three digits. */
    public static final int INVALID_STATUS = 0;

    /** Bytes an entry counts for beyond its name and value (RFC 7541, section 4.1). */
    private static final int ENTRY_OVERHEAD = 32;
    private static final int INITIAL_ENTRIES = 8;
    private static final byte[] STATUS_NAME = ":status".getBytes(StandardCharsets.US_ASCII);
    /** Per static index: the entry's size, and its code when it is a :status entry (else NO_STATUS). */
    private static final int[] STATIC_SIZE = new int[HpackStaticTable.LENGTH + 1];
    private static final int[] STATIC_STATUS = new int[HpackStaticTable.LENGTH + 1];
    private static final int[] STATIC_NAME_LENGTH = new int[HpackStaticTable.LENGTH + 1];

    static {
        for (int i = 1; i <= HpackStaticTable.LENGTH; i++) {
            STATIC_NAME_LENGTH[i] = HpackStaticTable.nameLength(i);
            STATIC_SIZE[i] = STATIC_NAME_LENGTH[i] + HpackStaticTable.valueLength(i) + ENTRY_OVERHEAD;
            byte[] v = HpackStaticTable.value(i).getBytes(StandardCharsets.US_ASCII);
            STATIC_STATUS[i] = HpackStaticTable.isStatus(i) ? statusCode(v, v.length) : NO_STATUS;
        }
    }

    /** The table size quiver announced (SETTINGS_HEADER_TABLE_SIZE): the server may not go above it. */
    private final int maxTableSizeAllowed;
    private final long maxHeaderListSize;
    /**
     * The dynamic table, a ring with the newest entry at {@code newest}: each entry's size, name
     * length, status. It starts small and grows to what the table size allows (one entry per 32
     * bytes): a server's usual table holds a handful of entries, and 10,000 connections each
     * carry one.
     */
    private int[] entrySize = new int[INITIAL_ENTRIES];
    private int[] entryNameLength = new int[INITIAL_ENTRIES];
    private int[] entryStatus = new int[INITIAL_ENTRIES];
    private int newest = -1;
    private int entries;
    private int tableSize;
    private int maxTableSize;
    /** A decoded {@code :status} name or value: seven bytes are all either can match. */
    private final byte[] scratch = new byte[STATUS_NAME.length];
    private int pos;

    public ResponseStatusDecoder(int maxTableSize, long maxHeaderListSize) {
        this.maxTableSizeAllowed = maxTableSize;
        this.maxTableSize = maxTableSize;
        this.maxHeaderListSize = maxHeaderListSize;
    }

    /**
     * Decodes the header block in {@code block[0, length)}.
     *
     * @return the first {@code :status} field's code, {@link #INVALID_STATUS} when that is not three
     *     digits, {@link #NO_STATUS} when the block has none
     * @throws HpackException for a malformed block (the connection cannot go on), or a header list
     *     over the limit (decoded whole first, so the table stays in step and only the stream fails)
     */
    public int decode(byte[] block, int length) throws HpackException {
        pos = 0;
        int status = NO_STATUS;
        long listSize = 0;
        boolean fieldSeen = false;
        while (pos < length) {
            int first = block[pos] & 0xff;
            if ((first & 0x80) != 0) { // indexed field (6.1)
                int index = readInt(block, length, 7);
                int fieldStatus;
                if (index == 0) {
                    throw HpackException.compression("indexed field with index 0");
                } else if (index <= HpackStaticTable.LENGTH) {
                    listSize += STATIC_SIZE[index];
                    fieldStatus = STATIC_STATUS[index];
                } else {
                    int slot = slot(index);
                    listSize += entrySize[slot];
                    fieldStatus = entryStatus[slot];
                }
                if (status == NO_STATUS) {
                    status = fieldStatus;
                }
                fieldSeen = true;
            } else if ((first & 0xe0) == 0x20) { // dynamic table size update (6.3)
                if (fieldSeen) {
                    throw HpackException.compression("dynamic table size update after a header field");
                }
                int size = readInt(block, length, 5);
                if (size > maxTableSizeAllowed) {
                    throw HpackException.compression("dynamic table size " + size + " above the " + maxTableSizeAllowed
                            + " announced");
                }
                maxTableSize = size;
                evictUntil(size);
            } else { // literal field: with incremental indexing (6.2.1), without (6.2.2), never indexed (6.2.3)
                boolean indexing = (first & 0x40) != 0;
                int nameIndex = readInt(block, length, indexing ? 6 : 4);
                int nameLength;
                boolean statusName;
                if (nameIndex == 0) {
                    nameLength = readString(block, length, scratch);
                    statusName = nameLength == STATUS_NAME.length && startsWithStatusName(block);
                    pos += rawLength;
                } else if (nameIndex <= HpackStaticTable.LENGTH) {
                    nameLength = STATIC_NAME_LENGTH[nameIndex];
                    statusName = STATIC_STATUS[nameIndex] != NO_STATUS;
                } else {
                    int slot = slot(nameIndex);
                    nameLength = entryNameLength[slot];
                    statusName = entryStatus[slot] != NO_STATUS;
                }
                int valueLength = readString(block, length, statusName ? scratch : null);
                int fieldStatus = NO_STATUS;
                if (statusName) {
                    fieldStatus = rawHuffman ? statusCode(scratch, valueLength) : statusCode(block, pos, valueLength);
                }
                pos += rawLength;
                int size = nameLength + valueLength + ENTRY_OVERHEAD;
                listSize += size;
                if (indexing) {
                    add(size, nameLength, fieldStatus);
                }
                if (status == NO_STATUS) {
                    status = fieldStatus;
                }
                fieldSeen = true;
            }
        }
        if (listSize > maxHeaderListSize) {
            throw HpackException.listTooLarge(listSize, maxHeaderListSize);
        }
        return status;
    }

    /** The entries in the dynamic table now (for tests). */
    int entries() {
        return entries;
    }

    /** The dynamic table's size now, in HPACK's accounting (for tests). */
    int tableSize() {
        return tableSize;
    }

    // --- strings and integers (5.1, 5.2) ----------------------------------------------------------

    /** Set by {@link #readString}: the string's octets on the wire (from {@code pos}) and whether they are Huffman-coded. */
    private int rawLength;
    private boolean rawHuffman;

    /**
     * Reads a string's prefix and leaves {@code pos} at its first octet; returns its decoded length
     * (Huffman strings decoded into {@code out} when it is not null). The caller moves {@code pos}
     * past the {@link #rawLength} octets.
     */
    private int readString(byte[] block, int length, byte[] out) throws HpackException {
        if (pos >= length) {
            throw HpackException.compression("header block ends inside a field");
        }
        rawHuffman = (block[pos] & 0x80) != 0;
        rawLength = readInt(block, length, 7);
        if (rawLength > length - pos) {
            throw HpackException.compression("string of " + rawLength + " bytes past the end of the header block");
        }
        if (!rawHuffman) {
            if (out != null) {
                System.arraycopy(block, pos, out, 0, Math.min(rawLength, out.length));
            }
            return rawLength;
        }
        return HpackHuffman.decode(block, pos, rawLength, out);
    }

    /** True when the literal name just read (raw at {@code pos}, or decoded into scratch) is {@code :status}. */
    private boolean startsWithStatusName(byte[] block) {
        byte[] name = rawHuffman ? scratch : block;
        int from = rawHuffman ? 0 : pos;
        for (int i = 0; i < STATUS_NAME.length; i++) {
            if (name[from + i] != STATUS_NAME[i]) {
                return false;
            }
        }
        return true;
    }

    /** An integer with an N-bit prefix; more than 31 bits is refused. */
    private int readInt(byte[] block, int length, int prefixBits) throws HpackException {
        if (pos >= length) {
            throw HpackException.compression("header block ends inside a field");
        }
        int mask = (1 << prefixBits) - 1;
        int value = block[pos++] & mask;
        if (value < mask) {
            return value;
        }
        long v = value;
        for (int shift = 0; ; shift += 7) {
            if (pos >= length) {
                throw HpackException.compression("header block ends inside an integer");
            }
            int b = block[pos++];
            v += (long) (b & 0x7f) << shift;
            if (v > Integer.MAX_VALUE) {
                throw HpackException.compression("integer above 2^31-1");
            }
            if ((b & 0x80) == 0) {
                return (int) v;
            }
            if (shift >= 28) {
                throw HpackException.compression("integer encoded in too many bytes");
            }
        }
    }

    private static int statusCode(byte[] b, int length) {
        return statusCode(b, 0, length);
    }

    /** Three ASCII digits as a code, else INVALID_STATUS (as ResponseStatus reads a status). */
    private static int statusCode(byte[] b, int from, int length) {
        if (length != 3) {
            return INVALID_STATUS;
        }
        int v = 0;
        for (int i = from; i < from + 3; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return INVALID_STATUS;
            }
            v = v * 10 + d;
        }
        return v;
    }

    // --- the dynamic table (2.3.2, 4) -------------------------------------------------------------

    /** The ring slot of dynamic index {@code index} (62 is the newest entry). */
    private int slot(int index) throws HpackException {
        int age = index - HpackStaticTable.LENGTH - 1;
        if (age >= entries) {
            throw HpackException.compression("index " + index + " beyond the dynamic table's " + entries + " entries");
        }
        return Math.floorMod(newest - age, entrySize.length);
    }

    private void add(int size, int nameLength, int status) {
        if (size > maxTableSize) {
            evictUntil(0); // an entry larger than the table empties it and is not added (4.4)
            return;
        }
        evictUntil(maxTableSize - size);
        if (entries == entrySize.length) {
            grow();
        }
        newest = (newest + 1) % entrySize.length;
        entrySize[newest] = size;
        entryNameLength[newest] = nameLength;
        entryStatus[newest] = status;
        entries++;
        tableSize += size;
    }

    /** Doubles the ring, oldest entry first at slot 0. */
    private void grow() {
        int n = entrySize.length;
        int[] sizes = new int[n * 2];
        int[] nameLengths = new int[n * 2];
        int[] statuses = new int[n * 2];
        for (int age = entries - 1, to = 0; age >= 0; age--, to++) {
            int from = Math.floorMod(newest - age, n);
            sizes[to] = entrySize[from];
            nameLengths[to] = entryNameLength[from];
            statuses[to] = entryStatus[from];
        }
        entrySize = sizes;
        entryNameLength = nameLengths;
        entryStatus = statuses;
        newest = entries - 1;
    }

    /** Evicts the oldest entries until the table holds at most {@code size}. */
    private void evictUntil(int size) {
        while (tableSize > size) {
            int oldest = Math.floorMod(newest - (entries - 1), entrySize.length);
            tableSize -= entrySize[oldest];
            entries--;
        }
    }
}
