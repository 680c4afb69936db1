import { normalizeName } from './shared'
import * as text from './shared/text'
import { makeSquare } from './shapes'

function bootstrap(): void {
  const greeting = normalizeName('drift')
  console.log(text.slugify(greeting))
  console.log(factorial(5), makeSquare(2).area())
  setTimeout(tick, 10)
  console.log([1, 2].map(factorial))
}

function tick(): void {
  console.log('tick')
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1)
}

bootstrap()
