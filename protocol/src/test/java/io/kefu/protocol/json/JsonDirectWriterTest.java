package io.kefu.protocol.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kefu.protocol.Body;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Ok;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.protocol.RuleRef;
import io.kefu.protocol.SampleFrames;
import io.kefu.protocol.Typing;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The message path's frames written without Jackson's generator are the generator's JSON: byte for byte where the
 * text stays in the BMP, the same frame to a reader everywhere (characters outside the BMP and lone surrogates,
 * which the two write differently), over the sample frames and 20,000 seeded random ones.
 */
class JsonDirectWriterTest {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final JsonCodec codec = new JsonCodec();

    @Test
    void takesTheMessagePathsFramesOnly() {
        assertThat(JsonDirectWriter.handles(SampleFrames.textMsg())).isTrue();
        assertThat(JsonDirectWriter.handles(new Ok("1", new OkResult.SendResult("c1", 1, 2)))).isTrue();
        assertThat(JsonDirectWriter.handles(Ok.empty("1"))).isTrue();
        assertThat(JsonDirectWriter.handles(new Ok("1", new OkResult.OpenResult("c1", null)))).isFalse();
        assertThat(JsonDirectWriter.handles(new Typing("1", "c1", null))).isFalse();
    }

    @Test
    void theSampleFramesAreTheGeneratorsBytes() throws IOException {
        List<Frame> handled = Stream.concat(SampleFrames.full().stream(), SampleFrames.minimal().stream())
                .filter(JsonDirectWriter::handles).toList();
        assertThat(handled).hasSizeGreaterThan(5);
        for (Frame frame : handled) {
            assertSameAsGenerator(frame);
        }
    }

    @Test
    void everyEscapeTheGeneratorWritesIsWrittenTheSame() throws IOException {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            all.append(c);
        }
        all.append("\"\\/\u2028\u2029\uFFFF\uFEFF汉字");
        Msg msg = new Msg("c\"1", 1, new Party(PartyType.AGENT, "a\\1"), "te\nxt", Body.text(all.toString()), 2,
                "\u0000\u001f\u007f");
        assertSameAsGenerator(msg);
        assertSameAsGenerator(new Ok("\t", new OkResult.SendResult("c", 1, 2, all.toString(),
                new RuleRef("r\"1", "名字\r\n"))));
    }

    @Test
    void outsideTheBmpAsUtf8AndLoneSurrogatesEscapedAsTheGeneratorDoes() throws Exception {
        Msg emoji = new Msg("c1", 7, new Party(PartyType.BUYER, "b1"), "text", Body.text("😀 grin, 𠀀 ext-B"), 3,
                "m-😀");
        byte[] bytes = codec.encode(emoji);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"text\":\"😀 grin, 𠀀 ext-B\"");
        assertThat(codec.decode(bytes)).isEqualTo(emoji);
        assertSameTokens(bytes, generator(emoji));

        // Nothing valid decodes to a lone surrogate (the decoders refuse them), but a server-side text could hold one.
        Msg lone = new Msg("c1", 7, null, "text", Body.text("high \uD83D. low \uDE00 and at the end \uD83D"), 3, null);
        byte[] loneBytes = codec.encode(lone);
        assertThat(new String(loneBytes, StandardCharsets.UTF_8))
                .contains("high \\uD83D. low \\uDE00 and at the end \\uD83D\"");
        assertSameTokens(loneBytes, generator(lone));
    }

    @Test
    void randomFramesAreTheGeneratorsJson() throws Exception {
        Random random = new Random(0x6a736f6e5f646972L);
        for (int i = 0; i < 20_000; i++) {
            boolean bmpOnly = i % 2 == 0;
            Frame frame = randomFrame(random, bmpOnly);
            if (bmpOnly) {
                assertSameAsGenerator(frame);
            } else {
                assertSameTokens(codec.encode(frame), generator(frame));
            }
        }
    }

    @Test
    void aBodyValueOfAnotherTypeIsRefusedAndTheNextFrameIsWhole() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("text", "x".repeat(5_000));
        fields.put("when", new Object());
        Msg bad = new Msg("c1", 1, null, "text", new Body(fields), 1, null);
        assertThatThrownBy(() -> codec.encode(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported type");
        assertSameAsGenerator(SampleFrames.textMsg());
    }

    @Test
    void numbersAtTheirLimits() throws IOException {
        for (long v : new long[] {0, 9, 10, 99, 100, -1, -10, Long.MAX_VALUE, Long.MIN_VALUE, 1_718_000_000_123L}) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("n", v);
            fields.put("d", (double) v / 7);
            fields.put("big", BigInteger.ONE.shiftLeft(70));
            fields.put("dec", new BigDecimal("12.5"));
            fields.put("f", 0.25f);
            assertSameAsGenerator(new Msg("c1", Math.abs(v % 1000), null, "k", new Body(fields), v, null, v));
        }
    }

    private void assertSameAsGenerator(Frame frame) throws IOException {
        byte[] expected = generator(frame);
        assertThat(new String(codec.encode(frame), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.encode(frame, out);
        assertThat(out.toByteArray()).isEqualTo(expected);
    }

    /** The same JSON to a reader: token for token, with the same names, strings and numbers. */
    private static void assertSameTokens(byte[] actual, byte[] expected) throws IOException {
        try (JsonParser a = FACTORY.createParser(actual); JsonParser e = FACTORY.createParser(expected)) {
            JsonToken token;
            while ((token = e.nextToken()) != null) {
                assertThat(a.nextToken()).isEqualTo(token);
                assertThat(a.getText()).isEqualTo(e.getText());
            }
            assertThat(a.nextToken()).isNull();
        }
    }

    private static byte[] generator(Frame frame) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            JsonFrameWriter.write(g, frame);
        }
        return out.toByteArray();
    }

    private static Frame randomFrame(Random r, boolean bmpOnly) {
        return switch (r.nextInt(4)) {
            case 0 -> new Ok(maybe(r, bmpOnly), new OkResult.SendResult(maybe(r, bmpOnly), r.nextLong(),
                    r.nextLong(), maybe(r, bmpOnly),
                    r.nextBoolean() ? null : new RuleRef(maybe(r, bmpOnly), maybe(r, bmpOnly))));
            case 1 -> Ok.empty(maybe(r, bmpOnly));
            default -> new Msg(maybe(r, bmpOnly), r.nextInt(1_000_000),
                    r.nextBoolean() ? null : new Party(r.nextBoolean() ? null : PartyType.values()[
                            r.nextInt(PartyType.values().length)], maybe(r, bmpOnly)),
                    maybe(r, bmpOnly), r.nextBoolean() ? null : new Body(randomMap(r, bmpOnly, 0)), r.nextLong(),
                    maybe(r, bmpOnly), r.nextBoolean() ? null : r.nextLong());
        };
    }

    private static Map<String, Object> randomMap(Random r, boolean bmpOnly, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = r.nextInt(5); i > 0; i--) {
            map.put(text(r, bmpOnly), randomValue(r, bmpOnly, depth + 1));
        }
        return map;
    }

    private static Object randomValue(Random r, boolean bmpOnly, int depth) {
        int kind = r.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> text(r, bmpOnly);
            case 1 -> r.nextBoolean();
            case 2 -> r.nextLong() >> r.nextInt(64);
            case 3 -> r.nextDouble() * (r.nextBoolean() ? 1e-9 : 1e12);
            case 4 -> new BigDecimal(r.nextInt()).movePointLeft(r.nextInt(5));
            case 5 -> randomMap(r, bmpOnly, depth);
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    list.add(r.nextInt(6) == 0 ? null : randomValue(r, bmpOnly, depth + 1));
                }
                yield list;
            }
        };
    }

    private static String maybe(Random r, boolean bmpOnly) {
        return r.nextInt(5) == 0 ? null : text(r, bmpOnly);
    }

    /** ASCII with its control characters and escapes, CJK, Latin-1; outside the BMP and lone surrogates if asked. */
    private static String text(Random r, boolean bmpOnly) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(40); i > 0; i--) {
            int pick = r.nextInt(bmpOnly ? 4 : 6);
            switch (pick) {
                case 0 -> sb.append((char) r.nextInt(0x80));
                case 1 -> sb.append((char) ('a' + r.nextInt(26)));
                case 2 -> sb.append((char) (0x4E00 + r.nextInt(0x5000)));
                case 3 -> sb.append((char) (0x80 + r.nextInt(0x780)));
                case 4 -> sb.appendCodePoint(0x10000 + r.nextInt(0x100000));
                default -> sb.append((char) (0xD800 + r.nextInt(0x800)));
            }
        }
        return sb.toString();
    }
}
