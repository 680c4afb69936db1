export class Shape {
  area(): number {
    return 0
  }

  describe(): string {
    return `area ${this.area()}`
  }
}

export class Square extends Shape {
  constructor(private side: number) {
    super()
  }

  area(): number {
    return this.side * this.side
  }

  report(): string {
    return this.describe()
  }

  sides(): number[] {
    return [this.side].map(this.scaled)
  }

  scaled(value: number): number {
    return value * 2
  }
}

export function makeSquare(side: number): Square {
  return new Square(side)
}
