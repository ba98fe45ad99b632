package dev.grounded.knowledge.internal;

import java.io.InputStream;
import java.util.Locale;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;

/** Gives files named {@code *.grounded-<behaviour>} to {@link MisbehavingParser}. Only on the test classpath. */
public class MisbehavingDetector implements Detector {

    @Override
    public MediaType detect(InputStream input, Metadata metadata) {
        String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
        int marker = name == null ? -1 : name.toLowerCase(Locale.ROOT).lastIndexOf(".grounded-");
        return marker < 0
                ? MediaType.OCTET_STREAM
                : MediaType.application("x-grounded-" + name.substring(marker + ".grounded-".length()));
    }
}
