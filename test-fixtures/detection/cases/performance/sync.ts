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
  for (const title of titles) {
    const spaces = new RegExp("\\s+", "g"); // expect-pattern: performance/regex-compile-in-loop
    const word = new RegExp(title, "i"); // expect-no-pattern: performance/regex-compile-in-loop
    const prefix = new RegExp("^" + title); // expect-no-pattern: performance/regex-compile-in-loop
    out.push(title.replace(spaces, "-").replace(word, "").replace(prefix, ""));
  }
  return out;
}

const config = await import("./config.json"); // expect-pattern: performance/dynamic-import
const path = importPath("./x"); // expect-no-pattern: performance/dynamic-import
