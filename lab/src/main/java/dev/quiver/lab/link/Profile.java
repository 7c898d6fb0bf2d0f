package dev.quiver.lab.link;

import dev.quiver.lab.impair.DirectionSpec;
import dev.quiver.lab.impair.QueueLimit;
import java.util.List;
import java.util.Locale;

/**
 * A named link, so that everyone means the same thing by "4g". The values and where they come from
 * are in the README (section {@code quiver lab}, "Profiles"); keep both in step.
 *
 * @param toServer the uplink (client to server)
 * @param toClient the downlink (server to client)
 */
public record Profile(String name, String summary, DirectionSpec toServer, DirectionSpec toClient) {

    private static final long MS = 1_000_000L;

    public static final List<Profile> ALL = List.of(
            // Chosen, not measured: a busy home Wi-Fi; losses come in bursts (interference, collisions).
            new Profile("lossy-wifi", "30ms RTT, 5ms jitter, 20mbit, 2% loss in bursts of 3",
                    wifi(), wifi()),
            // WebPageTest's "Mobile 4G" connectivity preset: 9/9 Mbps, 170 ms RTT.
            new Profile("4g", "170ms RTT, 9mbit down, 9mbit up",
                    link(85, 9_000_000L), link(85, 9_000_000L)),
            // WebPageTest's "Mobile 3G" connectivity preset: 1.6 Mbps down, 768 Kbps up, 300 ms RTT.
            new Profile("3g", "300ms RTT, 1.6mbit down, 768kbit up",
                    link(150, 768_000L), link(150, 1_600_000L)),
            // Geostationary: 4 x 35786 km at the speed of light is 477 ms before any processing; consumer
            // GEO service measures about 600 ms RTT with 25 Mbps down, 3 Mbps up plans.
            new Profile("satellite", "600ms RTT, 25mbit down, 3mbit up",
                    link(300, 3_000_000L), link(300, 25_000_000L)),
            // London - New York: 5570 km great circle, 56 ms RTT in fibre at 2/3 c; cable routes give ~75 ms.
            new Profile("transatlantic", "75ms RTT, no rate limit",
                    DirectionSpec.PERFECT.withDelay(37_500_000L), DirectionSpec.PERFECT.withDelay(37_500_000L)));

    private static DirectionSpec link(long oneWayMs, long bps) {
        return DirectionSpec.PERFECT.withDelay(oneWayMs * MS).withRate(bps, null);
    }

    private static DirectionSpec wifi() {
        return DirectionSpec.PERFECT.withDelay(15 * MS).withJitter(5 * MS).withRate(20_000_000L, QueueLimit.ofTime(50 * MS))
                .withLoss(0.02, 3);
    }

    /** The profile called {@code name}; the error lists the known ones. */
    public static Profile named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Profile p : ALL) {
            if (p.name.equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("--profile: unknown profile '" + name + "' (known: "
                + String.join(", ", ALL.stream().map(Profile::name).toList()) + ")");
    }
}
