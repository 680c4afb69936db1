import DOMPurify from "dompurify";

export function renderComment(container, comment) {
  container.innerHTML = comment.body; // expect-pattern: security/dom-html-injection
}

export function renderSafely(container, comment) {
  container.innerHTML = DOMPurify.sanitize(comment.body); // expect-no-pattern: security/dom-html-injection
  container.textContent = comment.body; // expect-no-pattern: security/dom-html-injection
}

export function clear(container) {
  container.innerHTML = ""; // expect-no-pattern: security/dom-html-injection
}

export function appendRow(table, row) {
  table.innerHTML += `<tr><td>${row.name}</td></tr>`; // expect-pattern: security/dom-html-injection
  table.insertAdjacentHTML("beforeend", row.html); // expect-pattern: security/dom-html-injection
}

export function banner(message) {
  document.write("<p>" + message + "</p>"); // expect-pattern: security/dom-html-injection
  document.write("<hr>"); // expect-no-pattern: security/dom-html-injection
}
