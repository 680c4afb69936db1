export function normalizeName(name: string): string {
  return capitalize(name.trim())
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

export function slugify(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '-')
}

function unusedHelper(): number {
  return 42
}
