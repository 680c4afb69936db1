// A file whose name contains an emoji.
export const LAUNCH_MESSAGE = "Liftoff 🚀 in T-minus 10… 🌍➡️🌕";

export function countdown(from = 10) {
  const steps = [];
  for (let t = from; t > 0; t -= 1) {
    steps.push(`${t}⏱️`);
  }
  return [...steps, "🚀"];
}

export class Rocket {
  #fuel = 100;
  burn(amount) {
    this.#fuel = Math.max(0, this.#fuel - amount);
    return this.#fuel > 0 ? "🔥" : "💨";
  }
}
