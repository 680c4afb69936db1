// TypeScript file that starts with a UTF-8 byte order mark.
export interface Greeting {
  locale: string;
  text: string;
}

export function greet(g: Greeting, name: string): string {
  return `${g.text}, ${name}!`;
}

export const DEFAULT_GREETING: Greeting = { locale: "en", text: "Hello" };
