/**
 * Start-up configuration: the immutable {@link io.kefu.server.config.KefuConfig}, built from defaults,
 * an optional properties file and {@code KEFU_*} environment overrides, validated once on load so a bad
 * setting stops start-up with a message that names it.
 *
 * <p><b>Adding a setting.</b> An integer setting is one component of {@code KefuConfig} with its
 * {@code @Int(default, min, max)}: the environment name, the properties key, the builder's {@code set(name,
 * value)}, parsing and range checks follow from it; a rule between settings goes in {@code KefuConfig}'s
 * constructor. Then one documented line in {@code src/dist/conf/kefu.properties.example}, which a test keeps
 * in step. Other types (texts, lists, paths) also need a builder field and a loader binding.
 */
package io.kefu.server.config;
