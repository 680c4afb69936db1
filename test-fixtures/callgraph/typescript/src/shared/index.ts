export { normalizeName } from './text'
