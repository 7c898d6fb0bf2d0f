package dev.quiver.cli.options;

import dev.quiver.cli.UsageException;
import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.ramp.RampKind;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --ramp} and {@code --ramp-connections}: a load whose rate or connection count changes in
 * stages. Checked against the other load flags here, so that {@link LoadOptions} only asks for the ramp.
 */
final class RampOptions {

    @Option(names = "--ramp", paramLabel = "STAGES",
            description = "Open model with a changing rate: stages DURATION:RPS or DURATION:FROM->TO, comma-separated, "
                    + "run in order (e.g. 10s:0->1000,30s:1000,10s:1000->0); latency counts from each request's intended "
                    + "start. Their total is the run's duration (-z may be left out, or must equal it). Not with -q.")
    String rate;

    @Option(names = "--ramp-connections", paramLabel = "STAGES",
            description = "Closed model with a changing number of connections (each a virtual user of -p streams): stages "
                    + "DURATION:C or DURATION:FROM->TO (e.g. 20s:1->200,40s:200). Their total is the run's duration "
                    + "(-z may be left out, or must equal it). Instead of -c; not with -q.")
    String connections;

    /** The total of the stages given, or null when there are none; bad stages are a {@link UsageException}. */
    Duration total() {
        String text = rate != null ? rate : connections;
        if (text == null) {
            return null;
        }
        try {
            return Ramp.parse(rate != null ? RampKind.RATE : RampKind.CONNECTIONS, text).total();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The ramp asked for, or null; bad stages or a flag that contradicts them are a {@link UsageException}. */
    Ramp ramp(Duration duration, Double rate, boolean connectionsGiven) {
        if (this.rate != null && connections != null) {
            throw new UsageException("give either --ramp (rates) or --ramp-connections (connections), not both");
        }
        if (this.rate == null && connections == null) {
            return null;
        }
        RampKind kind = this.rate != null ? RampKind.RATE : RampKind.CONNECTIONS;
        Ramp ramp;
        try {
            ramp = Ramp.parse(kind, this.rate != null ? this.rate : connections);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (rate != null) {
            throw new UsageException(kind == RampKind.RATE ? "give either -q or --ramp, not both"
                    : "--ramp-connections runs the closed model: -q does not go with it (--ramp ramps a rate)");
        }
        if (kind == RampKind.CONNECTIONS && connectionsGiven) {
            throw new UsageException("--ramp-connections sets the connections: leave -c out");
        }
        if (duration != null && !duration.equals(ramp.total())) {
            throw new UsageException("-z " + Ramp.durationText(duration) + " contradicts " + kind.flag()
                    + ", whose stages last " + Ramp.durationText(ramp.total()) + ": leave -z out or make them equal");
        }
        return ramp;
    }
}
