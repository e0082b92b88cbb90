package io.kefu.load.bench;

import io.kefu.protocol.Body;
import io.kefu.protocol.Codecs;
import io.kefu.protocol.DecodeException;
import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Ok;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Encode and decode cost of the frame Kefu sends most: a text {@code msg} push with a 59-character
 * Chinese and ASCII text, 64-bit decimal ids as the server makes them and a UUID client message id.
 * {@code codec} picks the encoding; the encoded size of the frame is printed at set-up.
 *
 * <p>Single-threaded: each benchmark method runs on JMH's one worker thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    /** The benchmarked frame, also used by {@code docs/benchmarks.md} to state sizes. */
    public static final Msg TEXT_MSG = new Msg("612094387230457856", 1287,
            new Party(PartyType.BUYER, "612093978112188416"), "text",
            Body.text("您好，我在贵店买的羽绒服（订单号 2024061512345）尺码偏小，能换成 XL 吗？今天发货的话周五能到吗？谢谢"),
            1_718_000_000_123L, "9b2f6c1e-4d7a-4b8e-a1f3-5c6d7e8f9a0b");

    /** The {@code ok} the sender of {@link #TEXT_MSG} gets. */
    public static final Ok SEND_OK = new Ok("c-1718000000123-17a42",
            new OkResult.SendResult("612094387230457856", 1287, 1_718_000_000_123L));

    @Param({"json", "bin"})
    public String codec;

    private FrameCodec frameCodec;
    private byte[] encoded;

    @Setup
    public void setUp() throws DecodeException {
        frameCodec = "json".equals(codec) ? Codecs.json() : Codecs.binary();
        encoded = frameCodec.encode(TEXT_MSG);
        if (!frameCodec.decode(encoded).equals(TEXT_MSG)) {
            throw new IllegalStateException(codec + " does not round-trip the benchmark frame");
        }
        System.out.println("\n" + frameCodec.subprotocol() + ": text msg frame is " + encoded.length + " bytes");
    }

    @Benchmark
    public byte[] encode() {
        return frameCodec.encode(TEXT_MSG);
    }

    /** What the server's gateway does: the frame straight into a pooled network buffer, as many times as sent. */
    @Benchmark
    public int encodeToPooledBuffer() throws IOException {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.ioBuffer(512);
        try {
            frameCodec.encode(TEXT_MSG, new ByteBufOutputStream(buf));
            return buf.readableBytes();
        } finally {
            buf.release();
        }
    }

    /** The sender's answer that goes with every message: the {@code ok} to a {@code send}. */
    @Benchmark
    public int encodeSendOkToPooledBuffer() throws IOException {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.ioBuffer(512);
        try {
            frameCodec.encode(SEND_OK, new ByteBufOutputStream(buf));
            return buf.readableBytes();
        } finally {
            buf.release();
        }
    }

    @Benchmark
    public Frame decode() throws DecodeException {
        return frameCodec.decode(encoded);
    }

    @Benchmark
    public Frame roundTrip() throws DecodeException {
        return frameCodec.decode(frameCodec.encode(TEXT_MSG));
    }
}
