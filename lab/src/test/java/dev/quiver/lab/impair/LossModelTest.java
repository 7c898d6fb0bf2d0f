package dev.quiver.lab.impair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossModelTest {

    @Test
    void randomLossOf10PercentOver10kPacketsIsWithinBinomialBounds() {
        int n = 10_000;
        for (long seed = 1; seed <= 20; seed++) {
            LossModel m = LossModel.of(0.10, 0, RandomStreams.of(seed, "to_server.loss"));
            int lost = 0;
            for (int i = 0; i < n; i++) {
                lost += m.lose() ? 1 : 0;
            }
            // mean 1000, sd sqrt(n p (1-p)) = 30: 4.5 sd either side
            assertTrue(Math.abs(lost - 1000) <= 135, "seed " + seed + ": lost " + lost);
        }
    }

    @Test
    void theSameSeedLosesTheSamePackets() {
        LossModel a = LossModel.of(0.05, 0, RandomStreams.of(42, "x"));
        LossModel b = LossModel.of(0.05, 0, RandomStreams.of(42, "x"));
        LossModel c = LossModel.of(0.05, 0, RandomStreams.of(43, "x"));
        boolean differs = false;
        for (int i = 0; i < 10_000; i++) {
            boolean la = a.lose();
            assertEquals(la, b.lose());
            differs |= la != c.lose();
        }
        assertTrue(differs, "another seed makes other choices");
    }

    @Test
    void gilbertElliottKeepsTheLossRateAndTheMeanBurstLength() {
        int n = 1_000_000;
        double p = 0.02;
        double burst = 3;
        LossModel m = LossModel.of(p, burst, RandomStreams.of(7, "to_client.loss"));
        long lost = 0;
        long bursts = 0;
        long singles = 0;
        int run = 0;
        for (int i = 0; i < n; i++) {
            if (m.lose()) {
                lost++;
                run++;
            } else if (run > 0) {
                bursts++;
                singles += run == 1 ? 1 : 0;
                run = 0;
            }
        }
        double rate = lost / (double) n;
        double meanBurst = lost / (double) bursts;
        assertEquals(p, rate, p * 0.05, "long-run loss rate");
        assertEquals(burst, meanBurst, burst * 0.05, "mean burst length");
        // geometric burst lengths: P(length 1) = 1/b
        assertEquals(1 / burst, singles / (double) bursts, 0.02, "share of single-packet bursts");
    }

    @Test
    void independentLossHasBurstsOfAboutOne() {
        LossModel m = LossModel.of(0.02, 1, RandomStreams.of(7, "l"));
        long lost = 0;
        long bursts = 0;
        boolean prev = false;
        for (int i = 0; i < 1_000_000; i++) {
            boolean l = m.lose();
            lost += l ? 1 : 0;
            bursts += l && !prev ? 1 : 0;
            prev = l;
        }
        assertEquals(1 / 0.98, lost / (double) bursts, 0.02);
    }
}
