import { readFileSync } from "fs";
import { lazy } from "react";

const template = readFileSync("./template.html", "utf8");

export const Settings = lazy(() => import("./pages/Settings")); // expect-pattern: performance/dynamic-import

export async function notifyAll(users: User[]) {
  // expect-pattern: performance/await-in-loop
  for (const user of users) {
    await mailer.send(user.email, template);
  }
}

export async function notifyAllAtOnce(users: User[]) {
  await Promise.all(users.map((user) => mailer.send(user.email, template))); // expect-pattern: performance/concurrent-await  expect-no-pattern: performance/await-in-loop
}

export async function pollUntilReady(job: Job) {
  // expect-no-pattern: performance/await-in-loop
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await job.isReady()) return true;
  }
  return false;
}

export async function drain(stream: AsyncIterable<Chunk>) {
  // expect-no-pattern: performance/await-in-loop
  for await (const chunk of stream) {
    handle(chunk);
  }
}

export async function renderPage(name: string) { // expect-pattern: performance/blocking-call-in-async
  const html = readFileSync(`./pages/${name}.html`, "utf8");
  return html.replace("{{title}}", name);
}

export function renderSync(name: string) { // expect-no-pattern: performance/blocking-call-in-async
  return readFileSync(`./pages/${name}.html`, "utf8");
}

export function slugs(titles: string[]) {
  const out: string[] = [];
  for (const title of titles) { // expect-pattern: performance/regex-compile-in-loop
    const spaces = new RegExp("\\s+", "g"); // expect-no-pattern: performance/regex-compile-in-loop
    out.push(title.replace(spaces, "-"));
  }
  return out;
}

export function strip(titles: string[], words: string[]) {
  const out: string[] = [];
  for (const title of titles) { // expect-no-pattern: performance/regex-compile-in-loop
    const word = new RegExp(words.join("|"), "i");
    const prefix = new RegExp("^" + title);
    out.push(title.replace(word, "").replace(prefix, ""));
  }
  // A separator built once in the loop header, not on every iteration.
  for (const part of titles.join(" ").split(new RegExp("\\s+"))) { // expect-no-pattern: performance/regex-compile-in-loop
    out.push(part);
  }
  return out;
}

const config = await import("./config.json"); // expect-pattern: performance/dynamic-import
const path = importPath("./x"); // expect-no-pattern: performance/dynamic-import
