// The one place engine positions become editor positions: the engine counts columns in UTF-8
// bytes (tree-sitter's), Monaco in UTF-16 code units. On an ASCII line they agree; after a CJK
// character (3 bytes, 1 unit), an emoji (4 bytes, 2 units) or a combining accent (2 bytes,
// 1 unit) they do not.

/** The UTF-16 offset in `line` of the character at UTF-8 byte offset `byteColumn`. A byte
 *  offset inside a character gives that character's start; one past the end gives the end. */
export function utf16Column(line: string, byteColumn: number): number {
  let bytes = 0
  let units = 0
  for (const char of line) {
    if (bytes >= byteColumn) return units
    const code = char.codePointAt(0) ?? 0
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
    if (bytes + width > byteColumn) return units
    bytes += width
    units += char.length
  }
  return units
}
