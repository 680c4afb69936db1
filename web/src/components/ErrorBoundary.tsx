import { Component, type ReactNode } from 'react'

import { toDriftError, type DriftErrorInfo } from '../shared/errors'
import { ErrorView } from './ErrorView'

/** A render error shows its message (and a way back) instead of an empty page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: DriftErrorInfo | null }> {
  state: { error: DriftErrorInfo | null } = { error: null }

  static getDerivedStateFromError(error: unknown) {
    return { error: toDriftError(error) }
  }

  render() {
    if (!this.state.error) return this.props.children
    return (
      <main>
        <h1>Drift</h1>
        <ErrorView error={this.state.error} testId="page-error" />
        <button type="button" onClick={() => location.reload()}>
          Reload
        </button>
      </main>
    )
  }
}
