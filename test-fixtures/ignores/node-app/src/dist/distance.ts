export const distance = (a: number, b: number) => Math.abs(a - b);
