package dev.quiver.lab.impair;

import java.util.SplittableRandom;

/**
 * Losses in bursts: the simple Gilbert-Elliott model, two states, every packet lost in the bad
 * state and none in the good one. Leaving the bad state with probability {@code 1/b} makes the
 * mean burst {@code b} packets (burst lengths are geometric); entering it with probability
 * {@code p / (b (1 - p))} makes the long-run loss rate {@code p}.
 */
public final class GilbertElliottLoss implements LossModel {

    private final double goodToBad;
    private final double badToGood;
    private final SplittableRandom random;
    private boolean bad;

    public GilbertElliottLoss(double loss, double meanBurst, SplittableRandom random) {
        this.badToGood = 1 / meanBurst;
        this.goodToBad = loss / (meanBurst * (1 - loss));
        this.random = random;
    }

    @Override
    public boolean lose() {
        boolean lost = bad;
        bad = bad ? random.nextDouble() >= badToGood : random.nextDouble() < goodToBad;
        return lost;
    }
}
