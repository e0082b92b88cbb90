package io.kefu.protocol.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A decoded JSON object of at most {@value #MAX} fields, in the order read: names and values in two arrays, found by
 * a scan. A frame and its body are such objects, read for every message; a {@code LinkedHashMap} costs an entry
 * object per field and a table besides, this two short arrays. Unmodifiable once {@link JsonTreeReader} has read
 * it ({@link #put} is refused, as by any {@link AbstractMap}; the reader adds with {@link #add}); equal to any map
 * with the same fields. An object with more fields is read into a {@code LinkedHashMap}, where a scan would be slow.
 */
final class SmallObject extends AbstractMap<String, Object> {
    static final int MAX = 8;

    private String[] names = new String[4];
    private Object[] values = new Object[4];
    private int size;

    /**
     * Sets {@code name} to {@code value}: a name read again keeps its place and takes the new value (as a map's
     * {@code put}). Returns false, adding nothing, when the field is new and the object holds {@value #MAX} already.
     */
    boolean add(String name, Object value) {
        int at = indexOf(name);
        if (at >= 0) {
            values[at] = value;
            return true;
        }
        if (size == MAX) {
            return false;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, MAX);
            values = Arrays.copyOf(values, MAX);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return true;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Object get(Object name) {
        int at = indexOf(name);
        return at < 0 ? null : values[at];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
