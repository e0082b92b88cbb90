/**
 * The JSON encoding of the contract ({@code kefu.v1.json}): one JSON object per WebSocket text frame.
 *
 * <p>{@link io.kefu.protocol.json.JsonCodec} is the only public type. It drives Jackson's streaming
 * parser and generator directly instead of data binding, both for speed and so that every decoding
 * error can name the frame and field that was wrong.
 */
package io.kefu.protocol.json;
