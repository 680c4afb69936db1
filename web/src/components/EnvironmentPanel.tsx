import type { EngineInfo } from '../shared/types'

export interface Environment {
  crossOriginIsolated: boolean
  hardwareConcurrency: number
}

export function EnvironmentPanel({ env, engine }: { env: Environment; engine: EngineInfo | null }) {
  return (
    <dl>
      <dt>crossOriginIsolated</dt>
      <dd data-testid="cross-origin-isolated">{String(env.crossOriginIsolated)}</dd>
      <dt>hardwareConcurrency</dt>
      <dd data-testid="hardware-concurrency">{env.hardwareConcurrency}</dd>
      <dt>engine version</dt>
      <dd data-testid="engine-version">{engine?.version ?? '…'}</dd>
      <dt>engine backend</dt>
      <dd data-testid="engine-backend">{engine?.backend ?? '…'}</dd>
      <dt>engine threads</dt>
      <dd data-testid="engine-threads">{engine?.threads ?? '…'}</dd>
      <dt>engine runs in</dt>
      <dd data-testid="engine-thread" data-in-worker={engine ? String(engine.context.inWorker) : undefined}>
        {engine ? `${engine.context.inWorker ? 'worker' : 'page thread'} "${engine.context.threadName}"` : '…'}
      </dd>
    </dl>
  )
}
