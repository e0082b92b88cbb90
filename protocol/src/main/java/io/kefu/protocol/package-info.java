/**
 * The frames of the Kefu wire contract (v1) as typed values.
 *
 * <p>{@link io.kefu.protocol.Frame} is a sealed interface with one record per frame type {@code t}.
 * Encodings live in {@code io.kefu.protocol.json} and {@code io.kefu.protocol.binary}; both implement
 * {@link io.kefu.protocol.FrameCodec}. This module has no Netty and no server code, so the SDK, the
 * server, the load harness and third-party tools share one model.
 */
package io.kefu.protocol;
