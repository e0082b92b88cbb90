package io.kefu.server.api;

/**
 * An API answer that is a file rather than JSON (a CSV export): sent with its content type and as an
 * attachment named {@code fileName}. Immutable by convention: the bytes are not copied.
 */
record ApiFile(String contentType, String fileName, byte[] content) {
}
