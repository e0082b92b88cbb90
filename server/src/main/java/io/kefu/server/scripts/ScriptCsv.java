package io.kefu.server.scripts;

import io.kefu.server.base.KefuException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 writes it, for script import and export: fields separated by commas, records by CRLF
 * (LF or a lone CR are read too), a field with a comma, quote or line break in double quotes with its
 * quotes doubled. Reading also accepts a UTF-8 byte order mark (Excel writes one) and gives each record
 * the physical line it starts on, so an error can point at a row of a file whose fields hold line breaks.
 * Line breaks inside a field are read as {@code \n}. Stateless; any thread.
 */
public final class ScriptCsv {
    /** The columns of an export, and what an import's header must name (in any order). */
    public static final List<String> HEADER = List.of("scope", "category", "title", "shortcut", "body");
    private static final String CRLF = "\r\n";

    private ScriptCsv() {
    }

    /**
     * One record: its fields and the 1-based physical line it starts on. A record that could not be read
     * whole has an {@code error} and the fields read up to it.
     */
    public record Record(int line, List<String> fields, String error) {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    /** The text of a UTF-8 file without its byte order mark, or {@code bad_frame} saying where it is not UTF-8. */
    public static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(in).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw KefuException.badRequest("the file is not UTF-8 text: line " + line + " (byte " + at
                    + ") is not valid UTF-8; save it as UTF-8 (Excel: \"CSV UTF-8\")");
        }
    }

    /** Every record of the text; blank lines are skipped. */
    public static List<Record> read(String text) {
        return new Reader(text).records();
    }

    /** The scripts as CSV with the {@link #HEADER} line, CRLF after every record. */
    public static String write(List<Script> scripts) {
        StringBuilder out = new StringBuilder(64 + scripts.size() * 128);
        out.append(String.join(",", HEADER)).append(CRLF);
        for (Script s : scripts) {
            field(out, s.scope().wire()).append(',');
            field(out, s.category()).append(',');
            field(out, s.title()).append(',');
            field(out, s.shortcut() == null ? "" : s.shortcut()).append(',');
            field(out, s.body()).append(CRLF);
        }
        return out.toString();
    }

    private static StringBuilder field(StringBuilder out, String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? out.append('"').append(value.replace("\"", "\"\"")).append('"') : out.append(value);
    }

    /** One pass over the text; confined to the calling thread. */
    private static final class Reader {
        private final String text;
        private int pos;
        private int line = 1;

        Reader(String text) {
            this.text = text;
        }

        List<Record> records() {
            List<Record> records = new ArrayList<>();
            while (pos < text.length()) {
                int start = line;
                int startPos = pos;
                List<String> fields = new ArrayList<>();
                String error = readRecord(fields);
                boolean blank = error == null && fields.size() == 1 && fields.get(0).isEmpty()
                        && text.charAt(startPos) != '"';
                if (!blank) {
                    records.add(new Record(start, fields, error));
                }
            }
            return records;
        }

        /** Reads one record into {@code fields}, through its line break; the error, or {@code null}. */
        private String readRecord(List<String> fields) {
            while (true) {
                StringBuilder field = new StringBuilder();
                if (pos < text.length() && text.charAt(pos) == '"') {
                    int opened = line;
                    if (!readQuoted(field)) {
                        fields.add(field.toString());
                        return "field " + fields.size() + " opens a quote on line " + opened
                                + " that is never closed";
                    }
                    if (pos < text.length() && !atSeparator()) {
                        fields.add(field.toString());
                        skipLine();
                        return "field " + fields.size() + " has text after its closing quote; a quote inside a"
                                + " quoted field is written twice (\"\")";
                    }
                } else {
                    while (pos < text.length() && !atSeparator()) {
                        field.append(text.charAt(pos++));
                    }
                }
                fields.add(field.toString());
                if (pos >= text.length()) {
                    return null;
                }
                if (text.charAt(pos) == ',') {
                    pos++;
                } else {
                    lineBreak(null);
                    return null;
                }
            }
        }

        /** After the opening quote: reads through the closing one; {@code false} when the text ends first. */
        private boolean readQuoted(StringBuilder field) {
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '"') {
                    if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                        field.append('"');
                        pos += 2;
                        continue;
                    }
                    pos++;
                    return true;
                }
                if (c == '\r' || c == '\n') {
                    lineBreak(field);
                } else {
                    field.append(c);
                    pos++;
                }
            }
            return false;
        }

        private boolean atSeparator() {
            char c = text.charAt(pos);
            return c == ',' || c == '\r' || c == '\n';
        }

        /** Consumes one line break (CRLF, LF or CR), appending {@code \n} to {@code field} if given. */
        private void lineBreak(StringBuilder field) {
            if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos++;
            }
            pos++;
            line++;
            if (field != null) {
                field.append('\n');
            }
        }

        private void skipLine() {
            while (pos < text.length() && text.charAt(pos) != '\r' && text.charAt(pos) != '\n') {
                pos++;
            }
            if (pos < text.length()) {
                lineBreak(null);
            }
        }
    }
}
