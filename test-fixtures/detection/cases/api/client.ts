import axios from "axios";

const API_BASE = "/api/v2"; // expect-pattern: api/versioned-path

export async function loadUser(id: string): Promise<User> {
  const res = await fetch(`/api/v1/users/${id}`); // expect-pattern: api/http-client-fetch, api/versioned-path  expect-no-pattern: api/http-client-axios
  if (!res.ok) {
    throw new Error(`load failed: ${res.status}`);
  }
  return res.json(); // expect-no-pattern: api/http-client-fetch
}

export async function saveUser(user: User): Promise<void> {
  await axios.post("/api/users", user); // expect-pattern: api/http-client-axios  expect-no-pattern: api/versioned-path, api/http-client-fetch
}

export async function search(query: string) {
  const { data } = await axios({ url: "/search", params: { q: query } }); // expect-pattern: api/http-client-axios
  return data;
}

export function refresh(cache: Cache, key: string) {
  return cache.fetch(key); // expect-no-pattern: api/http-client-fetch
}

export const client = axios.create({ baseURL: API_BASE }); // expect-no-pattern: api/http-client-axios
export const docs = "see /docs/v1.2 for details"; // expect-no-pattern: api/versioned-path
