package io.kefu.protocol;

/** The author of a message: {@code {type, id}} on the wire. {@code id} is {@code null} for the system. */
public record Party(PartyType type, String id) {
}
