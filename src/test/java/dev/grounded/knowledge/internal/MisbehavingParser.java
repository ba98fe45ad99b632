package dev.grounded.knowledge.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.ContentHandler;

/**
 * A Tika parser that misbehaves on purpose, for files named {@code *.grounded-hang}, {@code *.grounded-oom},
 * {@code *.grounded-crash} and {@code *.grounded-recurse} (typed by {@link MisbehavingDetector}): it loops forever, exhausts the heap, kills its JVM, or recurses without end. Only on
 * the test classpath, which the parser process inherits.
 */
public class MisbehavingParser implements Parser {

    private static final Set<MediaType> TYPES = Set.of(
            MediaType.application("x-grounded-hang"),
            MediaType.application("x-grounded-oom"),
            MediaType.application("x-grounded-crash"),
            MediaType.application("x-grounded-recurse"));

    @Override
    public Set<MediaType> getSupportedTypes(ParseContext context) {
        return TYPES;
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) {
        String type = metadata.get(Metadata.CONTENT_TYPE);
        if (type.endsWith("hang")) {
            long spins = 0;
            while (!Thread.interrupted()) {
                spins++;
            }
            metadata.set("spins", Long.toString(spins));
        } else if (type.endsWith("oom")) {
            List<long[]> hoard = new ArrayList<>();
            while (true) {
                hoard.add(new long[1 << 20]);
            }
        } else if (type.endsWith("crash")) {
            Runtime.getRuntime().halt(134);
        } else {
            recurse(0);
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
