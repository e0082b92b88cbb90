-- The client-message-id constraint, same rows unique, its index ordered by cmid first. Clients that make their cmids
-- time-ordered (the SDK and the pages write UUIDv7) then add to the end of this index instead of to a random page
-- of it: on H2 that was ~40 % of the CPU of storing a message and a third of the file; on PostgreSQL, fewer pages
-- dirtied and written to the WAL whole after each checkpoint. Random cmids from other clients work as before.
ALTER TABLE messages DROP CONSTRAINT messages_cmid;
ALTER TABLE messages ADD CONSTRAINT messages_cmid UNIQUE (cmid, sender_id, conv_id);
