/**
 * The compact binary encoding of the contract ({@code kefu.v1.bin}), specified byte by byte in
 * {@code docs/protocol.md}: a type byte, then tagged fields (varint, length-delimited or fixed 64-bit)
 * that an older decoder can skip, then an end byte. Message bodies use a small self-describing value
 * encoding with a dictionary of well-known keys.
 *
 * <p>{@link io.kefu.protocol.binary.BinaryCodec} is the only public type.
 */
package io.kefu.protocol.binary;
