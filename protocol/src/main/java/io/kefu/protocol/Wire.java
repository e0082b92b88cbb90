package io.kefu.protocol;

import java.util.Locale;

/** Mapping of lowerCamel/lowercase wire names to enum constants, shared by the codecs. */
final class Wire {
    private Wire() {
    }

    /** The constant whose lowercase name is {@code s}; {@code null} when none is. */
    static <E extends Enum<E>> E enumValue(Class<E> type, String s) {
        if (s == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(s)) {
                return e;
            }
        }
        return null;
    }
}
