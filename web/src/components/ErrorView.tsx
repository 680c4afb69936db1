import type { DriftErrorInfo } from '../shared/errors'

export function ErrorView({ error, testId }: { error: DriftErrorInfo; testId: string }) {
  return (
    <p className="error" role="alert" data-testid={testId} data-code={error.code}>
      <code>[{error.code}]</code> {error.message}
    </p>
  )
}
