/**
 * Persistence: the schema (Flyway migrations under {@code db/migration}), JDBC repositories for H2 and
 * PostgreSQL through HikariCP, the bounded {@link io.kefu.server.store.StoreExecutor} every JDBC call
 * runs on, and the {@link io.kefu.server.store.MessageBatchWriter} that group-commits messages.
 * Repositories are synchronous and must only be called from store threads, never an event loop.
 */
package io.kefu.server.store;
