package dev.quiver.cli.lab;

import dev.quiver.lab.Lab;
import java.util.List;

/** {@code {server}} in a lab command becomes the server's address inside the lab, {@code {server6}} its IPv6 address in brackets. */
final class Placeholders {

    static final String SERVER = "{server}";
    static final String SERVER6 = "{server6}";

    private Placeholders() {
    }

    static String substitute(String s) {
        return s.replace(SERVER6, "[" + Lab.SERVER_ADDRESS6 + "]").replace(SERVER, Lab.SERVER_ADDRESS);
    }

    static List<String> substitute(List<String> args) {
        return args.stream().map(Placeholders::substitute).toList();
    }
}
