// Runs the threads stress module (wasm/threads/stress) many times in Node, each run in a
// fresh process with a deadline, so a hang is a failure with a clear message, never a stuck CI.
// DRIFT_STRESS_WASM: the module (scripts/lib.sh build_stress); DRIFT_STRESS_RUNS: runs per case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const wasm = process.env.DRIFT_STRESS_WASM;
const runs = Number(process.env.DRIFT_STRESS_RUNS ?? 20);
const host = fileURLToPath(new URL('./host.mjs', import.meta.url));

function runOnce(args, env = {}, deadlineMs = 60_000) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--no-warnings', host, wasm, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, hung: signal === 'SIGKILL', out });
    });
  });
}

const cases = [
  // C: malloc from 8 threads, mutex counters, condvar queue, keys + TLS, detach/join churn,
  // once and semaphores. Rust: joined threads, Mutex/Condvar, TLS destructors, park/unpark,
  // and a long-lived rayon pool (the engine's pattern).
  { name: 'C pthreads', args: ['c'] },
  { name: 'Rust std + rayon', args: ['std-join', 'mutex-condvar', 'thread-local-destructors', 'park-unpark', 'rayon-pool'] },
  // The same with a preloaded, reused worker pool, as the napi loaders run threads.
  { name: 'Rust std + rayon, reused workers', args: ['std-join', 'rayon-pool'], env: { DRIFT_THREAD_POOL: '24' } },
];

for (const c of cases) {
  test(`${c.name}: ${runs} runs pass without hanging`, { skip: !wasm && 'DRIFT_STRESS_WASM is not set (scripts/test.sh builds it)' }, async () => {
    assert.ok(existsSync(wasm), `stress module missing: ${wasm}`);
    for (let i = 0; i < runs; i++) {
      const r = await runOnce(c.args, c.env);
      assert.ok(!r.hung, `run ${i + 1} hung; output:\n${r.out}`);
      assert.equal(r.code, 0, `run ${i + 1} failed; output:\n${r.out}`);
      assert.match(r.out, /all stress phases passed/);
    }
  });
}
