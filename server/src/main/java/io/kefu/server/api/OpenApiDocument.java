package io.kefu.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 description of the HTTP API that {@code GET /api/v1/openapi.json} serves as is: a class-path
 * resource, read once by {@link #load()} when the server starts (reading it is file I/O, so never on an event loop;
 * the API handler is built per channel on one). {@code OpenApiIT} holds it to the server: every route documented,
 * nothing else, and every documented answer checked against its schema. Immutable; any thread.
 */
public final class OpenApiDocument {
    /** Where the document lives on the class path. */
    static final String RESOURCE = "/io/kefu/server/api/openapi.json";

    private final byte[] json;

    private OpenApiDocument(byte[] json) {
        this.json = json;
    }

    /** Reads and parses the resource; a missing or broken document fails the start, not a client. */
    public static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI description " + RESOURCE + " is not on the class path");
            }
            byte[] json = in.readAllBytes();
            new ObjectMapper().readTree(json);
            return new OpenApiDocument(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " as JSON", e);
        }
    }

    /** The document's bytes; callers must not change them. */
    byte[] json() {
        return json;
    }
}
