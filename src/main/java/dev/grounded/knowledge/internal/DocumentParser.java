package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.KnowledgeProperties;
import jakarta.annotation.PreDestroy;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarFile;
import org.apache.tika.Tika;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Detects what an upload is and has it parsed in a separate JVM ({@link ParserProcess}), because Tika is made for
 * trusted input: a file that makes a parser loop, exhaust its memory or crash costs that one document, never the
 * application. The child has a bounded heap, gets {@code grounded.knowledge.parse-timeout} per file and is replaced
 * after it dies or is stopped; a warm child is reused across files.
 */
@Component
public class DocumentParser {

    private static final Logger log = LoggerFactory.getLogger(DocumentParser.class);
    private static final int OUT_OF_MEMORY_EXIT = 3;
    private static final int FILES_PER_PROCESS = 500;

    static final Set<String> SUPPORTED = Set.of(
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/msword",
            // Password-protected Word, Excel and PowerPoint files: accepted so ingestion can say why it refuses them.
            "application/x-tika-ooxml-protected",
            "application/vnd.oasis.opendocument.text",
            "application/rtf",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "text/csv",
            "text/html",
            "text/markdown",
            "text/x-web-markdown",
            "text/plain");

    private final Tika tika = new Tika();
    private final KnowledgeProperties properties;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "parser-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<String> childLog = new ArrayDeque<>();
    private final boolean ocr;
    private Process process;
    private DataOutputStream toChild;
    private DataInputStream fromChild;
    private int filesParsed;

    DocumentParser(KnowledgeProperties properties) {
        this.properties = properties;
        this.ocr = properties.ocr() && tesseractInstalled();
        if (properties.ocr() && !ocr) {
            log.warn("OCR is enabled but tesseract is not on the PATH (Debian: apt-get install tesseract-ocr);"
                    + " PDFs without a text layer are rejected as scanned");
        }
    }

    private static boolean tesseractInstalled() {
        try {
            Process check = new ProcessBuilder("tesseract", "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return check.waitFor(10, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Detection reads only the first bytes and the container's directory, so it runs in-process at upload. */
    public String detect(byte[] content, String fileName) {
        return tika.detect(content, fileName);
    }

    public boolean supported(String mediaType) {
        return SUPPORTED.contains(mediaType);
    }

    /** Parses one file in the parser process; never throws for anything the file does. */
    synchronized ParseOutcome parse(byte[] content, String fileName) {
        try {
            ensureRunning();
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("The parser process could not be started: " + e.getMessage(), e);
        }
        var timedOut = new AtomicBoolean();
        Process running = process;
        var deadline = watchdog.schedule(
                () -> {
                    timedOut.set(true);
                    running.destroyForcibly();
                },
                properties.parseTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            ParserWire.writeRequest(toChild, fileName, content);
            ParseOutcome outcome = ParserWire.readOutcome(fromChild);
            if (++filesParsed >= FILES_PER_PROCESS) {
                stop();
            }
            return outcome;
        } catch (IOException e) {
            return died(running, timedOut.get(), e);
        } finally {
            deadline.cancel(false);
        }
    }

    private ParseOutcome died(Process dead, boolean timedOut, IOException e) {
        int exit;
        try {
            exit = dead.waitFor(10, TimeUnit.SECONDS) ? dead.exitValue() : -1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        String lastLines;
        synchronized (childLog) {
            lastLines = String.join("\n", childLog);
        }
        stop();
        if (timedOut) {
            log.warn("Parsing was stopped after {}", properties.parseTimeout());
            return new ParseOutcome.Failed("Reading the file took longer than "
                    + properties.parseTimeout().toSeconds() + " s, so it was stopped.");
        }
        if (exit == OUT_OF_MEMORY_EXIT) {
            log.warn("The parser process ran out of memory");
            return new ParseOutcome.Failed("Reading the file needed more than "
                    + properties.parserMemory().toMegabytes() + " MB of memory, so it was stopped.");
        }
        log.warn("The parser process died (exit {}): {}\n{}", exit, e.toString(), lastLines);
        return new ParseOutcome.Failed("The document reader crashed on this file (exit code " + exit + ").");
    }

    private void ensureRunning() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        stop();
        var builder = new ProcessBuilder(command());
        builder.environment().keySet().retainAll(Set.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TESSDATA_PREFIX"));
        process = builder.start();
        toChild = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        fromChild = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        // A platform thread: the read blocks in native code for the child's whole life, and on a virtual thread it
        // would hold a carrier all that time (with a few parser processes, every carrier: nothing else on virtual
        // threads, HTTP requests included, would run).
        Thread.ofPlatform().daemon().name("parser-stderr").start(() -> drain(process));
        filesParsed = 0;
        int hello = fromChild.readInt();
        if (hello != ParserWire.HELLO) {
            throw new IOException("Unexpected greeting from the parser process");
        }
        log.info("Started parser process {}", process.pid());
    }

    private void drain(Process child) {
        try (var reader = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.debug("parser: {}", line);
                synchronized (childLog) {
                    childLog.addLast(line.length() > 500 ? line.substring(0, 500) : line);
                    if (childLog.size() > 20) {
                        childLog.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + properties.parserMemory().toMegabytes() + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:+UseSerialGC");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlogback.configurationFile=parser-process-logback.xml");
        command.add("-D" + ParserProcess.MAX_CHARACTERS + "=" + properties.maxCharacters());
        command.add("-D" + ParserProcess.MAX_EMBEDDED_DEPTH + "=" + properties.maxEmbeddedDepth());
        command.add("-D" + ParserProcess.OCR + "=" + ocr);
        String classPath = System.getProperty("java.class.path");
        Path bootJar = bootJar(classPath);
        if (bootJar != null) {
            // Inside the executable jar the classes sit in BOOT-INF; Spring Boot's launcher can start any main class.
            command.add("-Dloader.main=" + ParserProcess.class.getName());
            command.add("-cp");
            command.add(bootJar.toString());
            command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(ParserProcess.class.getName());
        }
        return command;
    }

    private static Path bootJar(String classPath) {
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return null;
        }
        Path jar = Path.of(classPath);
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        try (var file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Spring-Boot-Version") != null
                    ? jar
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
            process = null;
        }
        toChild = null;
        fromChild = null;
    }
}
