package dev.grounded.evaluation.internal;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on the terminal's error stream, redrawn at most once per percent. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private String stage = "";
    private int lastPercent = -1;

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    void update(String stage, int done, int total) {
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        if (percent == lastPercent && stage.equals(this.stage)) {
            return;
        }
        this.stage = stage;
        this.lastPercent = percent;
        int filled = WIDTH * percent / 100;
        err.printf(
                Locale.ROOT,
                "\r%-10s [%s%s] %3d%% %d/%d",
                stage,
                "#".repeat(filled),
                " ".repeat(WIDTH - filled),
                percent,
                done,
                total);
    }

    void done() {
        if (lastPercent >= 0) {
            err.println();
        }
        lastPercent = -1;
        stage = "";
    }
}
