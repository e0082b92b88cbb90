/**
 * Quick replies (话术库, contract §6): shop and personal scripts, their per-shop search index held in a
 * Caffeine cache ({@link io.kefu.server.scripts.ScriptLibrary}), variable filling
 * ({@link io.kefu.server.scripts.ScriptFiller}), and CSV / JSON import and export.
 */
package io.kefu.server.scripts;
