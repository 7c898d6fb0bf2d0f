package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;
import java.util.List;

/** The interop runner's http3: parallel downloads of 5 KiB, 10 KiB and 500 KiB with QPACK-decoded headers. */
public final class Http3 implements InteropCase {

    @Override
    public String id() {
        return "http3";
    }

    @Override
    public String abbreviation() {
        return "3";
    }

    @Override
    public String description() {
        return "parallel GETs with QPACK (5 KiB, 10 KiB, 500 KiB); status, headers and bodies verified";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        List<Resource> files = run.files(5 << 10, 10 << 10, 500 << 10);
        try (InteropClient client = run.client(ClientOptions.PLAIN); InteropConnection c = client.connect()) {
            List<Response> got = c.getAll(CaseRun.paths(files));
            String bad = run.mismatch(files, got);
            if (bad != null) {
                return Outcome.fail(bad);
            }
            int headers = got.stream().mapToInt(Response::headerCount).min().orElse(0);
            return Outcome.check(headers >= 2, files.size() + " parallel GETs: all 200, " + run.judgedBy()
                    + "; at least " + headers + " header fields decoded (QPACK) per response");
        }
    }
}
