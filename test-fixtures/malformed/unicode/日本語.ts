// ファイル名が日本語の TypeScript ファイル
export interface 商品 {
  名前: string;
  価格: number;
}

export const 在庫: 商品[] = [
  { 名前: "抹茶", 価格: 1200 },
  { 名前: "煎茶", 価格: 800 },
];

export function 合計(items: 商品[]): number {
  return items.reduce((sum, item) => sum + item.価格, 0);
}

export class 店舗 {
  constructor(public readonly 店名: string = "東京本店") {}
  挨拶(): string {
    return `いらっしゃいませ、${this.店名}へようこそ`;
  }
}
