package io.kefu.protocol.binary;

/**
 * The one-byte value types of the body encoding. A body is a map; maps and lists nest to
 * {@link io.kefu.protocol.FrameLimits#MAX_BODY_DEPTH} levels.
 */
final class BodyValues {
    static final int NULL = 0x00;
    static final int FALSE = 0x01;
    static final int TRUE = 0x02;
    /** Zigzag varint: {@code (n << 1) ^ (n >> 63)}, so small negative numbers stay short. */
    static final int INT = 0x03;
    /** IEEE 754 binary64, eight bytes little-endian. */
    static final int DOUBLE = 0x04;
    /** Varint byte length, then UTF-8. */
    static final int STRING = 0x05;
    /** Varint count, then that many values. */
    static final int LIST = 0x06;
    /** Varint count, then that many key/value pairs. */
    static final int MAP = 0x07;

    private BodyValues() {
    }
}
