package app;

public class Repo {
    public String load(String id) {
        try {
            return db.find(id);
        } catch (SQLException e) { // expect-pattern: errors/catch-swallowed, errors/catch-typed
        }
        return null;
    }

    public void save(Item item) {
        try {
            db.save(item);
        } catch (Exception e) { // expect-pattern: errors/catch-rethrows, errors/catch-all  expect-no-pattern: errors/catch-swallowed
            throw new RepoException("save failed", e);
        }
    }
}
