package dev.grounded.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The application in a separate JVM on the test classpath, for tests that kill it with SIGKILL and start it again. */
public final class AppProcess {

    private AppProcess() {}

    /**
     * Starts the application with {@code arguments}; its output goes to {@code target/<log>.log}.
     */
    public static Process start(List<String> arguments, String log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "--add-modules",
                "jdk.incubator.vector",
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.grounded.GroundedApplication"));
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", log + ".log").toFile())
                .start();
    }

    /** Waits for the health endpoint to answer; see the application's log in {@code target/<log>.log}. */
    public static void awaitUp(ApiClient api, String log) {
        Patience.await("the application to start (see target/" + log + ".log)")
                .ignoreExceptions()
                .until(() -> api.get("/actuator/health").getStatusCode().is2xxSuccessful());
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
