package app;

public class Repo {
    public String load(String id) {
        try {
            return db.find(id);
        // expect-pattern: errors/catch-swallowed, errors/catch-typed
        } catch (SQLException e) {
        }
        return null;
    }

    public void close() {
        try {
            db.close();
        // expect-no-pattern: errors/catch-swallowed
        } catch (IOException e) {
            // Closing a read-only handle cannot lose data.
        }
    }

    public void save(Item item) {
        try {
            db.save(item);
        } catch (Exception e) { // expect-pattern: errors/catch-rethrows, errors/catch-all  expect-no-pattern: errors/catch-swallowed
            throw new RepoException("save failed", e);
        }
    }
}
