package dev.quiver.lab.impair;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Which UDP packets of a direction the link drops, by their number counted from 1 since the link
 * (re)started: quic-network-simulator's droplist scenario ({@code --drops_to_server=2,3,4,5,6,7}),
 * which the QUIC interop runner's amplificationlimit uses to let the client's first Initial through
 * and drop what the client sends next. Only UDP packets are numbered, as there.
 */
public final class DropList {

    /** No packet dropped. */
    public static final DropList NONE = new DropList(new BitSet());
    /** The highest packet number a list may name: a drop list is about a connection's first packets. */
    public static final int MAX_NUMBER = 100_000;

    private final BitSet numbers;

    private DropList(BitSet numbers) {
        this.numbers = numbers;
    }

    /**
     * {@code 2,3,4,5,6,7} or {@code 2-7} or a mix ({@code 1,3-5}); numbers from 1 to {@value #MAX_NUMBER}.
     *
     * @throws IllegalArgumentException in one line with an example
     */
    public static DropList parse(String flag, String text) {
        BitSet set = new BitSet();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            int dash = p.indexOf('-');
            int from = number(flag, text, dash < 0 ? p : p.substring(0, dash));
            int to = dash < 0 ? from : number(flag, text, p.substring(dash + 1));
            if (to < from) {
                throw new IllegalArgumentException(flag + ": range " + p + " goes backwards (example: 2-7)");
            }
            set.set(from, to + 1);
        }
        return new DropList(set);
    }

    private static int number(String flag, String text, String s) {
        try {
            int n = Integer.parseInt(s.strip());
            if (n >= 1 && n <= MAX_NUMBER) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(flag + ": invalid packet list '" + text + "' (UDP packet numbers from 1 to "
                + MAX_NUMBER + ", comma-separated, ranges allowed; example: 2,3,4-7)");
    }

    /** Whether the {@code number}th UDP packet (from 1) is dropped. */
    public boolean drops(long number) {
        return number >= 1 && number <= MAX_NUMBER && numbers.get((int) number);
    }

    public boolean isEmpty() {
        return numbers.isEmpty();
    }

    /** {@code 2-7} or {@code 1,3-5}: the list as the flag takes it. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = numbers.nextSetBit(0); i >= 0; ) {
            int end = numbers.nextClearBit(i) - 1;
            s.append(s.isEmpty() ? "" : ",").append(i).append(end > i ? "-" + end : "");
            i = numbers.nextSetBit(end + 1);
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DropList d && d.numbers.equals(numbers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(numbers.toLongArray());
    }
}
