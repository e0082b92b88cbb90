package io.kefu.protocol;

/** An open conversation as listed in the {@code hello} answer: {@code {conv, shopId, state, lastSeq}}. */
public record ConvSummary(String conv, String shopId, ConvState state, long lastSeq) {
}
