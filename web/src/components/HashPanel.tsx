import type { HashProgress, HashRun } from '../shared/types'

export interface HashPanelProps {
  ready: boolean
  running: boolean
  progress: HashProgress | null
  /** Progress messages the page received. */
  progressMessages: number
  run: HashRun | null
  onRun: () => void
}

export function HashPanel({ ready, running, progress, progressMessages, run, onRun }: HashPanelProps) {
  return (
    <section>
      <button type="button" data-testid="run-hash" disabled={!ready || running} onClick={onRun}>
        Run parallel hash
      </button>
      <p>
        <progress data-testid="progress" value={progress?.done ?? 0} max={progress?.total || 1} />
        <span data-testid="progress-text">{progress ? `${progress.done} / ${progress.total}` : 'idle'}</span>
      </p>
      {run && (
        <dl data-testid="hash-result" data-run={JSON.stringify(run)} data-progress-messages={progressMessages}>
          <dt>combined</dt>
          <dd data-testid="result-combined">{run.progress.combined}</dd>
          <dt>threadsUsed</dt>
          <dd data-testid="result-threads-used">{run.progress.threadsUsed}</dd>
          <dt>poolSize</dt>
          <dd data-testid="result-pool-size">{run.progress.poolSize}</dd>
          <dt>progress events</dt>
          <dd data-testid="result-progress-events">{run.progressEvents}</dd>
          <dt>variants</dt>
          <dd data-testid="result-variants">
            {(['async', 'progress', 'sync'] as const)
              .map((name) => `${name} ${run[name].combined} (${run[name].threadsUsed} threads, ${run[name].millis} ms)`)
              .join(' · ')}
          </dd>
          <dt>variants agree</dt>
          <dd data-testid="result-agree">{String(run.agree)}</dd>
        </dl>
      )}
    </section>
  )
}
