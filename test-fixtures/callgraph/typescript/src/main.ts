import { normalizeName } from './shared'
import * as text from './shared/text'
import { makeSquare } from './shapes'

function bootstrap(): void {
  const greeting = normalizeName('drift')
  console.log(text.slugify(greeting))
  console.log(factorial(5), makeSquare(2).area())
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1)
}

bootstrap()
