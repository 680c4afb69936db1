export function onLogin(response) {
  localStorage.setItem("accessToken", response.token); // expect-pattern: auth/token-in-web-storage
  window.sessionStorage.setItem(AUTH_TOKEN_KEY, response.refresh); // expect-pattern: auth/token-in-web-storage
  localStorage.setItem("theme", response.theme); // expect-no-pattern: auth/token-in-web-storage
  const saved = localStorage.getItem("accessToken"); // expect-no-pattern: auth/token-in-web-storage
  return saved;
}

export function guard(ability, post) {
  if (!ability.can("update", post)) { // expect-pattern: auth/permission-check  expect-no-pattern: auth/role-check
    throw new Error("forbidden");
  }
}
