package dev.quiver.lab.impair;

import java.util.SplittableRandom;

/** Each packet lost independently with the same probability (Bernoulli). */
public final class RandomLoss implements LossModel {

    private final double p;
    private final SplittableRandom random;

    public RandomLoss(double p, SplittableRandom random) {
        this.p = p;
        this.random = random;
    }

    @Override
    public boolean lose() {
        return random.nextDouble() < p;
    }
}
