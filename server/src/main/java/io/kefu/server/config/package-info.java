/**
 * Start-up configuration: the immutable {@link io.kefu.server.config.KefuConfig}, built from defaults,
 * an optional properties file and {@code KEFU_*} environment overrides, validated once on load so a bad
 * setting stops start-up with a message that names it.
 */
package io.kefu.server.config;
