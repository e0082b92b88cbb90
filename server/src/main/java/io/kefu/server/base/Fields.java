package io.kefu.server.base;

/** Checks of fields the API and the stores' rules share; each refusal is a {@code bad_frame} naming the field. */
public final class Fields {
    private Fields() {
    }

    /** {@code raw} stripped, refused when that leaves it empty or longer than {@code max} characters. */
    public static String requiredText(String field, String raw, int max) {
        String s = raw.strip();
        if (s.isEmpty()) {
            throw KefuException.badRequest("field '" + field + "' must not be empty");
        }
        if (s.length() > max) {
            throw KefuException.badRequest("field '" + field + "' must be at most " + max + " characters, was "
                    + s.length());
        }
        return s;
    }
}
