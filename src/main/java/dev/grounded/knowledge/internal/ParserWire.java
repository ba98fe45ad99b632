package dev.grounded.knowledge.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte protocol between the application and its parser process. Deliberately not Java serialization: the parser
 * process reads hostile files, so what it sends back is read as untrusted data, with bounded sizes.
 */
final class ParserWire {

    static final int HELLO = 0x47524e44;
    private static final int MAX_STRING_BYTES = 64 * 1024 * 1024;
    private static final int MAX_ITEMS = 10_000_000;
    private static final byte PARSED = 1;
    private static final byte REJECTED = 2;
    private static final byte FAILED = 3;
    private static final byte HEADING = 1;
    private static final byte PARAGRAPH = 2;
    private static final byte TABLE = 3;

    private ParserWire() {}

    static void writeRequest(DataOutputStream out, String fileName, byte[] content) throws IOException {
        writeString(out, fileName);
        out.writeInt(content.length);
        out.write(content);
        out.flush();
    }

    /** A request as the parser process reads it; null at the end of the stream. */
    record Request(String fileName, byte[] content) {}

    static Request readRequest(DataInputStream in) throws IOException {
        String fileName;
        try {
            fileName = readString(in);
        } catch (java.io.EOFException e) {
            return null;
        }
        byte[] content = new byte[count(in.readInt(), Integer.MAX_VALUE - 16)];
        in.readFully(content);
        return new Request(fileName, content);
    }

    static void writeOutcome(DataOutputStream out, ParseOutcome outcome) throws IOException {
        switch (outcome) {
            case ParseOutcome.Rejected r -> {
                out.writeByte(REJECTED);
                writeString(out, r.reason());
            }
            case ParseOutcome.Failed f -> {
                out.writeByte(FAILED);
                writeString(out, f.reason());
            }
            case ParseOutcome.Parsed p -> {
                out.writeByte(PARSED);
                out.writeBoolean(p.title() != null);
                if (p.title() != null) {
                    writeString(out, p.title());
                }
                out.writeInt(p.pages());
                out.writeBoolean(p.truncated());
                out.writeInt(p.blocks().size());
                for (Block block : p.blocks()) {
                    writeBlock(out, block);
                }
            }
        }
        out.flush();
    }

    static ParseOutcome readOutcome(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case REJECTED -> new ParseOutcome.Rejected(readString(in));
            case FAILED -> new ParseOutcome.Failed(readString(in));
            case PARSED -> {
                String title = in.readBoolean() ? readString(in) : null;
                int pages = in.readInt();
                boolean truncated = in.readBoolean();
                int size = count(in.readInt(), MAX_ITEMS);
                List<Block> blocks = new ArrayList<>(Math.min(size, 10_000));
                for (int i = 0; i < size; i++) {
                    blocks.add(readBlock(in));
                }
                yield new ParseOutcome.Parsed(title, List.copyOf(blocks), pages, truncated);
            }
            default -> throw new IOException("Unknown outcome " + kind + " from the parser process");
        };
    }

    private static void writeBlock(DataOutputStream out, Block block) throws IOException {
        switch (block) {
            case Block.Heading h -> {
                out.writeByte(HEADING);
                out.writeInt(h.page());
                out.writeInt(h.level());
                writeString(out, h.text());
            }
            case Block.Paragraph p -> {
                out.writeByte(PARAGRAPH);
                out.writeInt(p.page());
                writeString(out, p.text());
            }
            case Block.Table t -> {
                out.writeByte(TABLE);
                out.writeInt(t.page());
                out.writeInt(t.rows().size());
                for (List<String> row : t.rows()) {
                    out.writeInt(row.size());
                    for (String cell : row) {
                        writeString(out, cell);
                    }
                }
            }
        }
    }

    private static Block readBlock(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        int page = in.readInt();
        return switch (kind) {
            case HEADING -> {
                int level = in.readInt();
                yield new Block.Heading(level, readString(in), page);
            }
            case PARAGRAPH -> new Block.Paragraph(readString(in), page);
            case TABLE -> {
                int rowCount = count(in.readInt(), MAX_ITEMS);
                List<List<String>> rows = new ArrayList<>(Math.min(rowCount, 10_000));
                for (int r = 0; r < rowCount; r++) {
                    int cells = count(in.readInt(), MAX_ITEMS);
                    List<String> row = new ArrayList<>(Math.min(cells, 1_000));
                    for (int c = 0; c < cells; c++) {
                        row.add(readString(in));
                    }
                    rows.add(List.copyOf(row));
                }
                yield new Block.Table(List.copyOf(rows), page);
            }
            default -> throw new IOException("Unknown block " + kind + " from the parser process");
        };
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[count(in.readInt(), MAX_STRING_BYTES)];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int count(int value, int max) throws IOException {
        if (value < 0 || value > max) {
            throw new IOException("Implausible length " + value + " from the other side");
        }
        return value;
    }
}
