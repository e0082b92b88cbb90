package io.kefu.load;

/**
 * The request id of a harness {@code send}: {@code <scheduled time µs>.<conversation index>}. The
 * answer echoes it in {@code re}, which is all the harness needs to time the {@code ok} from the
 * scheduled send and to count it for the right conversation.
 */
record SendId(long at, int conv) {

    static String format(Stamp s) {
        return s.at() + "." + s.conv();
    }

    /** The id in {@code re}, or {@code null} when it is not a send id. */
    static SendId parse(String re) {
        int dot = re.indexOf('.');
        if (dot <= 0 || dot == re.length() - 1) {
            return null;
        }
        try {
            return new SendId(Long.parseLong(re, 0, dot, 10), Integer.parseInt(re, dot + 1, re.length(), 10));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
