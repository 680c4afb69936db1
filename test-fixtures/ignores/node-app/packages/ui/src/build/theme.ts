export function buildTheme() { return {}; }
