package dev.quiver.lab.impair;

import java.util.SplittableRandom;

/** Decides, packet by packet, whether the link loses it. */
public interface LossModel {

    boolean lose();

    /** No loss, independent losses, or Gilbert-Elliott bursts, as the direction asks. */
    static LossModel of(double loss, double meanBurst, SplittableRandom random) {
        if (loss <= 0) {
            return () -> false;
        }
        return meanBurst > 1 ? new GilbertElliottLoss(loss, meanBurst, random) : new RandomLoss(loss, random);
    }

    /** As {@link #of(double, double, SplittableRandom)}, or the runner's model when {@code maxRun} is set (more than 0). */
    static LossModel of(double loss, double meanBurst, int maxRun, SplittableRandom random) {
        if (loss > 0 && maxRun > 0) {
            return new CappedRunLoss(loss, maxRun, random);
        }
        return of(loss, meanBurst, random);
    }
}
