// The built-in sample repository: the ten language folders of test-fixtures/ (real code with
// classes, functions, imports and calls), bundled with the app as a lazily loaded chunk, so the
// playground can be tried without picking a folder.
import type { UploadedFile } from './types'

const sources = import.meta.glob<string>(
  '../../../test-fixtures/{csharp,go,java,javascript,kotlin,php,python,ruby,rust,typescript}/**/*',
  { query: '?raw', import: 'default' },
)

/** The project name the sample is scanned and stored under. */
export const SAMPLE_PROJECT = 'sample'

/** The sample's files, paths relative to test-fixtures/. */
export async function loadSample(): Promise<UploadedFile[]> {
  return Promise.all(
    Object.entries(sources).map(async ([key, load]) => ({
      path: key.slice(key.indexOf('test-fixtures/') + 'test-fixtures/'.length),
      file: new Blob([await load()]),
    })),
  )
}

/** The text of one file of the sample (a path relative to test-fixtures/), or null. */
export async function sampleSource(path: string): Promise<string | null> {
  const key = Object.keys(sources).find((candidate) => candidate.endsWith(`/test-fixtures/${path}`))
  return key ? sources[key]() : null
}
