package dev.quiver.core.schedule;

import dev.quiver.core.engine.RequestMix;

/**
 * Which entry of the mix the n-th request sends: smooth weighted round robin (as nginx balances
 * upstreams), laid out once as one cycle of {@link RequestMix#totalWeight()} steps. Ticket n takes
 * step {@code n mod cycle}, so the choice needs no lock and no state of its own: every cycle of
 * consecutive tickets holds each entry exactly as often as its weight, and the entries are spread
 * evenly within it (weights 5 and 1 give a a a b a a ..., not a a a a a b).
 */
final class RequestSequence {

    private final int[] cycle;

    RequestSequence(RequestMix mix) {
        long total = mix.totalWeight(); // at most RequestMix.MAX_TOTAL_WEIGHT
        cycle = new int[(int) total];
        long[] current = new long[mix.size()];
        for (int step = 0; step < cycle.length; step++) {
            int best = 0;
            for (int i = 0; i < current.length; i++) {
                current[i] += mix.entry(i).weight();
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            cycle[step] = best;
        }
    }

    /** True when every ticket sends the same entry, whatever its number. */
    boolean single() {
        return cycle.length == 1;
    }

    /** The entry of ticket {@code n} (n counts from 0 or 1 alike: only its place in the cycle matters). */
    int entryOf(long n) {
        return cycle.length == 1 ? 0 : cycle[(int) Math.floorMod(n, (long) cycle.length)];
    }
}
