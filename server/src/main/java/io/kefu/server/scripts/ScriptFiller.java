package io.kefu.server.scripts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fills a script body's variables (contract §6): {@code {buyer.name}}, {@code {agent.name}},
 * {@code {shop.name}}, {@code {order.no}}, {@code {order.status}}, {@code {logistics.company}},
 * {@code {logistics.no}}. A pure function of the body and the values: the {@code send} and
 * {@code script.fill} frames gather the values from the conversation and call {@link #fill}.
 *
 * <ul>
 *   <li>A variable whose value is absent, {@code null} or blank stays as written and is reported in
 *       {@link Filled#missing()} (each name once, in order of first use).</li>
 *   <li>Values are inserted as they are: a value that itself reads {@code {order.no}} is not filled
 *       again.</li>
 *   <li>Braces around anything else ({@code {笑}}, {@code {a.b}}) are text, left alone and not
 *       reported; {@link #unknownVariables} finds the ones that look like a misspelt variable, so the
 *       API can refuse them when a script is saved.</li>
 * </ul>
 * Stateless; any thread.
 */
public final class ScriptFiller {
    public static final String BUYER_NAME = "buyer.name";
    public static final String AGENT_NAME = "agent.name";
    public static final String SHOP_NAME = "shop.name";
    public static final String ORDER_NO = "order.no";
    public static final String ORDER_STATUS = "order.status";
    public static final String LOGISTICS_COMPANY = "logistics.company";
    public static final String LOGISTICS_NO = "logistics.no";
    /** Every variable a body may use, without braces. */
    public static final List<String> VARIABLES = List.of(BUYER_NAME, AGENT_NAME, SHOP_NAME, ORDER_NO, ORDER_STATUS,
            LOGISTICS_COMPANY, LOGISTICS_NO);

    /** Longest name between braces worth looking at: longer is text. */
    private static final int MAX_NAME = 40;

    private ScriptFiller() {
    }

    /** The filled text and the variables that had no value (names without braces). */
    public record Filled(String text, List<String> missing) {
        public Filled {
            Objects.requireNonNull(text, "text");
            missing = List.copyOf(missing);
        }

        public boolean complete() {
            return missing.isEmpty();
        }
    }

    /** Fills {@code body} from {@code values}, keyed by variable name without braces ({@code "buyer.name"}). */
    public static Filled fill(String body, Map<String, String> values) {
        StringBuilder out = new StringBuilder(body.length() + 32);
        List<String> missing = new ArrayList<>(0);
        int i = 0;
        while (i < body.length()) {
            int open = body.indexOf('{', i);
            if (open < 0) {
                break;
            }
            String name = nameAt(body, open);
            if (name == null || !VARIABLES.contains(name)) {
                out.append(body, i, open + 1);
                i = open + 1;
                continue;
            }
            out.append(body, i, open);
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                out.append('{').append(name).append('}');
                if (!missing.contains(name)) {
                    missing.add(name);
                }
            } else {
                out.append(value);
            }
            i = open + name.length() + 2;
        }
        out.append(body, i, body.length());
        return new Filled(out.toString(), missing);
    }

    /** The known variables the body uses, each once, in order of first use. */
    public static List<String> variablesIn(String body) {
        List<String> found = new ArrayList<>(0);
        scan(body, true, found);
        return found;
    }

    /**
     * Names in braces that look like variables (lower-case words joined by dots, {@code {buyer.nmae}})
     * but are none of {@link #VARIABLES}, each once.
     */
    public static List<String> unknownVariables(String body) {
        List<String> found = new ArrayList<>(0);
        scan(body, false, found);
        return found;
    }

    private static void scan(String body, boolean known, List<String> found) {
        for (int open = body.indexOf('{'); open >= 0; open = body.indexOf('{', open + 1)) {
            String name = nameAt(body, open);
            if (name != null && VARIABLES.contains(name) == known && (known || looksLikeVariable(name))
                    && !found.contains(name)) {
                found.add(name);
            }
        }
    }

    /** The text between the brace at {@code open} and the next closing one, or {@code null}. */
    private static String nameAt(String body, int open) {
        int close = body.indexOf('}', open + 1);
        if (close < 0 || close - open - 1 > MAX_NAME || close == open + 1) {
            return null;
        }
        String name = body.substring(open + 1, close);
        return name.indexOf('{') >= 0 ? null : name;
    }

    private static boolean looksLikeVariable(String name) {
        return name.matches("[a-z]+(\\.[a-z]+)+");
    }
}
