package io.kefu.server.scripts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One shop's scripts, both scopes, folded once for searching ({@link ScriptText}). Immutable except for
 * each script's use counter, which {@link #addUse} bumps in place so ranking by uses needs no reload.
 *
 * <p>Ranking (contract §6), best first: 1 the query is a shortcut, 2 it starts one, 3 every term is in the
 * title, 4 every term is in the title, body or shortcut; within a tier more {@code uses} first, then the
 * older id. An empty query lists everything visible by uses. A query with a space is never a shortcut
 * (shortcuts have none), so it starts at tier 3.
 *
 * <p><b>Threads:</b> any; searches read only final fields and atomic counters. A search is a scan of the
 * shop's scripts (no I/O) that skips those lacking a character of the query ({@link CharSignature}) and
 * keeps the best {@code limit} in a small heap, cheap enough for the calling event loop: see
 * {@code docs/benchmarks.md}.
 */
public final class ScriptIndex {
    private final String shopId;
    private final List<Entry> entries;
    private final Map<String, Entry> byId;

    private ScriptIndex(String shopId, List<Entry> entries) {
        this.shopId = shopId;
        this.entries = entries;
        this.byId = new HashMap<>(entries.size() * 2);
        entries.forEach(e -> byId.put(e.script.id(), e));
    }

    public static ScriptIndex of(String shopId, Collection<Script> scripts) {
        List<Entry> entries = new ArrayList<>(scripts.size());
        for (Script s : scripts) {
            if (!s.shopId().equals(shopId)) {
                throw new IllegalArgumentException("script " + s.id() + " belongs to shop " + s.shopId() + ", not "
                        + shopId);
            }
            entries.add(new Entry(s));
        }
        return new ScriptIndex(shopId, List.copyOf(entries));
    }

    public String shopId() {
        return shopId;
    }

    /** Scripts of both scopes, visible or not. */
    public int size() {
        return entries.size();
    }

    /**
     * The best {@code limit} scripts for the query among those {@code viewerId} may see (the shop's, and
     * their own personal ones; {@code null} sees only the shop's).
     *
     * @param category only scripts of this category (compared folded), or {@code null} for all
     */
    public List<Script> search(String query, String category, String viewerId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        List<String> terms = ScriptText.terms(ScriptText.fold(query == null ? "" : query));
        String shortcut = terms.size() == 1 ? terms.get(0) : null;
        String cat = category == null || category.isBlank() ? null : ScriptText.fold(category.strip());
        CharSignature wanted = CharSignature.of(terms);
        PriorityQueue<Hit> kept = new PriorityQueue<>(Math.min(limit, 256) + 1, (a, b) -> compare(b, a));
        for (Entry e : entries) {
            if (!e.chars.mayHoldAll(wanted) || !e.script.visibleTo(viewerId)
                    || (cat != null && !cat.equals(e.category))) {
                continue;
            }
            int tier = terms.isEmpty() ? 0 : e.tier(shortcut, terms);
            if (tier < 0) {
                continue;
            }
            long uses = e.uses.get();
            if (kept.size() == limit) {
                if (compare(tier, uses, e.script.id(), kept.peek()) >= 0) {
                    continue;
                }
                kept.poll();
            }
            kept.add(new Hit(e, tier, uses));
        }
        List<Hit> hits = new ArrayList<>(kept);
        hits.sort(ScriptIndex::compare);
        List<Script> result = new ArrayList<>(hits.size());
        hits.forEach(h -> result.add(h.entry().script.withUses(h.uses())));
        return result;
    }

    /** The script when {@code viewerId} may see it; another agent's personal script is not there. */
    public Optional<Script> find(String scriptId, String viewerId) {
        Entry e = byId.get(scriptId);
        return e == null || !e.script.visibleTo(viewerId) ? Optional.empty()
                : Optional.of(e.script.withUses(e.uses.get()));
    }

    /** The shop scripts (not the personal ones), by category, title and id: what an export holds. */
    public List<Script> shopScripts() {
        List<Script> shop = new ArrayList<>();
        for (Entry e : entries) {
            if (e.script.scope() == ScriptScope.SHOP) {
                shop.add(e.script.withUses(e.uses.get()));
            }
        }
        shop.sort(Comparator.comparing(Script::category).thenComparing(Script::title)
                .thenComparing(Script::id, ScriptIndex::compareIds));
        return shop;
    }

    /** Category names of the scripts {@code viewerId} may see, with how many each has, by name. */
    public Map<String, Integer> categories(String viewerId) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Entry e : entries) {
            if (e.script.visibleTo(viewerId)) {
                counts.merge(e.script.category(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Counts one use of the script, if it is in this index. */
    public void addUse(String scriptId) {
        Entry e = byId.get(scriptId);
        if (e != null) {
            e.uses.incrementAndGet();
        }
    }

    /** Best first: tier, then uses (more first), then id (older first). */
    private static int compare(Hit a, Hit b) {
        return compare(a.tier(), a.uses(), a.entry().script.id(), b);
    }

    private static int compare(int tier, long uses, String id, Hit b) {
        if (tier != b.tier()) {
            return Integer.compare(tier, b.tier());
        }
        if (uses != b.uses()) {
            return Long.compare(b.uses(), uses);
        }
        return compareIds(id, b.entry().script.id());
    }

    /** Snowflake ids are decimal strings: a shorter one is a smaller number. */
    static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private record Hit(Entry entry, int tier, long uses) {
    }

    /** A script with its folded fields and live use counter. */
    private static final class Entry {
        final Script script;
        final String shortcut;
        final String title;
        final String body;
        final String category;
        final AtomicLong uses;
        /** Every character of the shortcut, title and body, to skip scripts that cannot match. */
        final CharSignature chars;

        Entry(Script s) {
            this.script = s;
            this.shortcut = s.shortcut() == null ? null : ScriptText.fold(s.shortcut());
            this.title = ScriptText.fold(s.title());
            this.body = ScriptText.fold(s.body());
            this.category = ScriptText.fold(s.category());
            this.uses = new AtomicLong(s.uses());
            this.chars = CharSignature.of(shortcut, title, body);
        }

        /** 0..3 (shortcut, shortcut prefix, title, anywhere), or -1 for no match. */
        int tier(String query, List<String> terms) {
            if (query != null && shortcut != null && shortcut.startsWith(query)) {
                return shortcut.length() == query.length() ? 0 : 1;
            }
            if (containsAll(title, terms)) {
                return 2;
            }
            for (String t : terms) {
                if (!title.contains(t) && !body.contains(t) && (shortcut == null || !shortcut.contains(t))) {
                    return -1;
                }
            }
            return 3;
        }

        private static boolean containsAll(String text, List<String> terms) {
            for (String t : terms) {
                if (!text.contains(t)) {
                    return false;
                }
            }
            return true;
        }
    }
}
