package io.kefu.server.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an integer setting on its {@link KefuConfig} component: the default and the allowed range, written
 * once. The environment variable ({@code KEFU_} and the name in upper snake case), the properties key (the
 * component's name), the builder's {@link KefuConfigBuilder#set}, the loader's parsing and the range checks all
 * come from this; adding an integer setting is adding one annotated component.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@interface Int {
    /** Default: the number of processors, at least 2. */
    int CORES = Integer.MIN_VALUE;
    /** Default: chosen by the database ({@link KefuConfig#defaultByDatabase}). */
    int BY_DATABASE = Integer.MIN_VALUE + 1;

    /** The default, or {@link #CORES} or {@link #BY_DATABASE}. */
    int value();

    int min();

    int max();
}
