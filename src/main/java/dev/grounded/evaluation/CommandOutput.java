package dev.grounded.evaluation;

import java.io.PrintStream;

/**
 * The process's real standard output when the jar runs as a command: logging is moved to stderr so that stdout
 * carries only the report, and the last line of it can be parsed.
 */
public record CommandOutput(PrintStream out) {}
