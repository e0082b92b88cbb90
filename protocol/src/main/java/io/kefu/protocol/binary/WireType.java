package io.kefu.protocol.binary;

/**
 * The wire types of a field tag. A tag is the varint {@code fieldNumber << 2 | wireType}; the wire type
 * alone tells a decoder how to skip a field it does not know, which is what lets newer peers add fields.
 */
final class WireType {
    /** An unsigned LEB128 varint. */
    static final int VARINT = 0;
    /** A varint byte length followed by that many bytes: strings, nested records, bodies. */
    static final int BYTES = 1;
    /** Eight bytes, little-endian. Reserved for numbers that varints carry badly (none yet). */
    static final int FIXED64 = 2;

    /** The tag that ends a frame: field number 0, wire type 0. */
    static final int END = 0;

    private WireType() {
    }

    static int tag(int field, int wireType) {
        return field << 2 | wireType;
    }

    static String name(int wireType) {
        switch (wireType) {
            case VARINT:
                return "varint(0)";
            case BYTES:
                return "bytes(1)";
            case FIXED64:
                return "fixed64(2)";
            default:
                return "unknown(" + wireType + ")";
        }
    }
}
