package app;

// expect-pattern: documentation/doc-comment
/**
 * A key/value store.
 */
public class Store {
    // expect-pattern: documentation/doc-comment, documentation/deprecated-marker
    /** @deprecated use {@link #get(String)} */
    @Deprecated // expect-pattern: documentation/deprecated-marker
    public String fetch(String key) {
        return get(key);
    }

    @Override // expect-no-pattern: documentation/deprecated-marker
    public String toString() {
        return "Store"; // XXX: include size  expect-pattern: documentation/todo-comment
    }
}
