/**
 * The admin audit trail (docs/staff.md): who changed a shop's set-up, logged in or exported its data, when and
 * from where. Recorded without waiting ({@link io.kefu.server.audit.AdminAudit}) and written off the event loops
 * and router lanes in batches ({@link io.kefu.server.audit.AdminAuditWriter}).
 */
package io.kefu.server.audit;
