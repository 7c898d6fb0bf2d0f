package dev.quiver.lab.impair;

import java.util.SplittableRandom;

/**
 * The QUIC interop runner's drop-rate and corrupt-rate model (quic-network-simulator's
 * {@code DropRateErrorModel}): each packet is hit independently with probability {@code p}, but
 * never more than {@code maxRun} in a row; after that many the next one passes. So the share hit is
 * a little below {@code p}, and no run of hits is longer than {@code maxRun}.
 */
public final class CappedRunLoss implements LossModel {

    private final double p;
    private final int maxRun;
    private final SplittableRandom random;
    private int inRow;

    public CappedRunLoss(double p, int maxRun, SplittableRandom random) {
        if (maxRun < 1) {
            throw new IllegalArgumentException("a run of hits must be allowed at least 1 packet");
        }
        this.p = p;
        this.maxRun = maxRun;
        this.random = random;
    }

    @Override
    public boolean lose() {
        if (inRow >= maxRun) {
            inRow = 0;
            return false;
        }
        if (random.nextDouble() < p) {
            inRow++;
            return true;
        }
        inRow = 0;
        return false;
    }
}
