package io.kefu.server.scripts;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>How a search avoids reading every script: tiers 1 and 2 come from the shortcuts in sorted order (a
 * binary search and the range that starts with the query); tiers 3 and 4 from a scan in order of uses
 * at load time, which stops as soon as {@code limit} hits of tier 3 or better are kept and no script
 * further on could beat the worst of them, even counting the uses added since the load
 * ({@link #maxBump}). The scan skips scripts that lack a character or character pair of the query
 * ({@link CharSignature}) without reading their text. The answer is exactly that of ranking every match.
 *
 * <p><b>Threads:</b> any; searches read only final fields and volatile counters. A search does no I/O and
 * is cheap enough for the calling event loop: see {@code docs/benchmarks.md}.
 */
public final class ScriptIndex {
    private static final Comparator<Entry> BY_SHORTCUT = Comparator.comparing(e -> e.shortcut);

    private final String shopId;
    /** By uses at load, most first, then by id. */
    private final Entry[] byUses;
    /** The scripts that have a shortcut, by folded shortcut. */
    private final Entry[] byShortcut;
    private final Map<String, Entry> byId;
    /** The most any one script's uses grew since the load: bounds what a script not yet scanned can have. */
    private final AtomicLong maxBump = new AtomicLong();

    private ScriptIndex(String shopId, List<Entry> entries) {
        this.shopId = shopId;
        this.byUses = entries.toArray(new Entry[0]);
        Arrays.sort(byUses, (a, b) -> a.loadUses != b.loadUses ? Long.compare(b.loadUses, a.loadUses)
                : compareIds(a.id, b.id));
        this.byShortcut = entries.stream().filter(e -> e.shortcut != null).sorted(BY_SHORTCUT).toArray(Entry[]::new);
        this.byId = new HashMap<>(entries.size() * 2);
        entries.forEach(e -> byId.put(e.id, e));
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
        return new ScriptIndex(shopId, entries);
    }

    public String shopId() {
        return shopId;
    }

    /** Scripts of both scopes, visible or not. */
    public int size() {
        return byUses.length;
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
        String cat = category == null || category.isBlank() ? null : ScriptText.fold(category.strip());
        Best best = new Best(limit);
        String shortcut = terms.size() == 1 ? terms.get(0) : null;
        if (shortcut != null) {
            for (int i = firstShortcutFrom(shortcut); i < byShortcut.length
                    && byShortcut[i].shortcut.startsWith(shortcut); i++) {
                Entry e = byShortcut[i];
                if (e.visibleTo(viewerId) && e.inCategory(cat)) {
                    best.offer(e, e.shortcut.length() == shortcut.length() ? 0 : 1);
                }
            }
        }
        CharSignature wanted = terms.isEmpty() ? null : CharSignature.of(terms);
        long bump = maxBump.get();
        for (Entry e : byUses) {
            if (best.settledAbove(e.loadUses + bump)) {
                break;
            }
            if ((wanted != null && !e.chars.mayHoldAll(wanted)) || !e.visibleTo(viewerId) || !e.inCategory(cat)
                    || (shortcut != null && e.shortcut != null && e.shortcut.startsWith(shortcut))) {
                continue;
            }
            int tier = e.textTier(terms);
            if (tier >= 0) {
                best.offer(e, tier);
            }
        }
        return best.scripts();
    }

    /** The first position in {@link #byShortcut} whose shortcut is not below {@code prefix}. */
    private int firstShortcutFrom(String prefix) {
        int lo = 0;
        int hi = byShortcut.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (byShortcut[mid].shortcut.compareTo(prefix) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The script when {@code viewerId} may see it; another agent's personal script is not there. */
    public Optional<Script> find(String scriptId, String viewerId) {
        Entry e = byId.get(scriptId);
        return e == null || !e.visibleTo(viewerId) ? Optional.empty() : Optional.of(e.script.withUses(e.uses()));
    }

    /** The shop scripts (not the personal ones), by category, title and id: what an export holds. */
    public List<Script> shopScripts() {
        List<Script> shop = new ArrayList<>();
        for (Entry e : byUses) {
            if (e.owner == null) {
                shop.add(e.script.withUses(e.uses()));
            }
        }
        shop.sort(Comparator.comparing(Script::category).thenComparing(Script::title)
                .thenComparing(Script::id, ScriptIndex::compareIds));
        return shop;
    }

    /** Category names of the scripts {@code viewerId} may see, with how many each has, by name. */
    public Map<String, Integer> categories(String viewerId) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Entry e : byUses) {
            if (e.visibleTo(viewerId)) {
                counts.merge(e.script.category(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Counts one use of the script, if it is in this index. */
    public void addUse(String scriptId) {
        Entry e = byId.get(scriptId);
        if (e != null) {
            long grown = e.addUse() - e.loadUses;
            maxBump.accumulateAndGet(grown, Math::max);
        }
    }

    /** Snowflake ids are decimal strings: a shorter one is a smaller number. */
    static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    /** Best first: tier, then uses (more first), then id (older first). */
    private static int compare(int tier, long uses, String id, Hit b) {
        if (tier != b.tier()) {
            return Integer.compare(tier, b.tier());
        }
        if (uses != b.uses()) {
            return Long.compare(b.uses(), uses);
        }
        return compareIds(id, b.entry().id);
    }

    private static int compare(Hit a, Hit b) {
        return compare(a.tier(), a.uses(), a.entry().id, b);
    }

    /** {@code tier} counts from 0: 0..3 are ranks 1..4 of the class comment. */
    private record Hit(Entry entry, int tier, long uses) {
    }

    /** The best {@code limit} hits so far, the worst on top; confined to one search. */
    private static final class Best {
        private final int limit;
        private final PriorityQueue<Hit> kept;

        Best(int limit) {
            this.limit = limit;
            this.kept = new PriorityQueue<>(Math.min(limit, 256) + 1, (a, b) -> compare(b, a));
        }

        void offer(Entry e, int tier) {
            long uses = e.uses();
            if (kept.size() == limit) {
                if (compare(tier, uses, e.id, kept.peek()) >= 0) {
                    return;
                }
                kept.poll();
            }
            kept.add(new Hit(e, tier, uses));
        }

        /**
         * Whether no script with at most {@code uses} can get in any more: all {@code limit} hits are there,
         * none worse than a title match (shortcut matches were all found first), each with more uses.
         */
        boolean settledAbove(long uses) {
            if (kept.size() < limit) {
                return false;
            }
            Hit worst = kept.peek();
            return worst.tier() <= 2 && worst.uses() > uses;
        }

        List<Script> scripts() {
            List<Hit> hits = new ArrayList<>(kept);
            hits.sort(ScriptIndex::compare);
            List<Script> result = new ArrayList<>(hits.size());
            hits.forEach(h -> result.add(h.entry().script.withUses(h.uses())));
            return result;
        }
    }

    /** A script with its folded fields and live use counter. */
    private static final class Entry {
        private static final VarHandle USES;

        static {
            try {
                USES = MethodHandles.lookup().findVarHandle(Entry.class, "uses", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Script script;
        final String id;
        /** The owner of a personal script, {@code null} for a shop script: read by every search. */
        final String owner;
        final String shortcut;
        final String title;
        final String body;
        final String category;
        final long loadUses;
        /** The characters and pairs of the shortcut, title and body, to skip scripts that cannot match. */
        final CharSignature chars;
        /** Live: bumped by {@link #addUse} while searches read it (no separate AtomicLong to chase). */
        private volatile long uses;

        Entry(Script s) {
            this.script = s;
            this.id = s.id();
            this.owner = s.ownerId();
            this.shortcut = s.shortcut() == null ? null : ScriptText.fold(s.shortcut());
            this.title = ScriptText.fold(s.title());
            this.body = ScriptText.fold(s.body());
            this.category = ScriptText.fold(s.category());
            this.loadUses = s.uses();
            this.uses = s.uses();
            this.chars = CharSignature.of(shortcut, title, body);
        }

        long uses() {
            return uses;
        }

        /** The uses after this one. */
        long addUse() {
            return (long) USES.getAndAdd(this, 1L) + 1;
        }

        boolean visibleTo(String viewerId) {
            return owner == null || owner.equals(viewerId);
        }

        boolean inCategory(String folded) {
            return folded == null || folded.equals(category);
        }

        /**
         * 2 when every term is in the title, 3 when every term is in the title, body or shortcut, -1 when
         * not; 2 for no terms at all (an empty query lists everything as one tier).
         */
        int textTier(List<String> terms) {
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
