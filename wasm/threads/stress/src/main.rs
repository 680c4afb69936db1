//! Stress test of threads on wasm32-wasip1-threads: runs the C phases (pthreads, malloc,
//! mutexes, condvars, keys, detach churn, once, semaphores) and then the Rust patterns the
//! engine and its dependencies use: joined `std::thread`s, `thread::scope`, detached threads,
//! thread-local destructors, `Mutex`/`Condvar`, `park`/`unpark`, and a long-lived rayon pool.
//! Every phase checks its result; a wrong result exits non-zero, a hang is caught by the runner.
//!
//! `scoped` and `detached` (short-lived threads whose exit the main thread waits for through
//! `thread::park`) are not run by default: they can hang on this thread host (see
//! wasm/README.md, "Known hang"), and the engine never uses those patterns.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::thread;

unsafe extern "C" {
    fn c_stress_main() -> i32;
}

/// Runs `f` when `name` is selected on the command line (no arguments: every default phase).
fn phase(selected: &[String], name: &str, f: impl FnOnce()) {
    let default = !matches!(name, "scoped" | "detached");
    if (selected.is_empty() && default) || selected.iter().any(|s| s == name) {
        f();
        println!("ok {name}");
    }
}

fn main() {
    let selected: Vec<String> = std::env::args().skip(1).collect();
    phase(&selected, "c", || {
        // SAFETY: the C test takes no arguments and only touches its own globals.
        let rc = unsafe { c_stress_main() };
        assert_eq!(rc, 0, "C stress phases failed");
    });
    rust_phases(&selected);
    println!("all stress phases passed");
}

fn rust_phases(sel: &[String]) {
    phase(sel, "std-join", || {
        let handles: Vec<_> = (0..8u64)
            .map(|i| thread::spawn(move || (0..100_000u64).map(|x| x ^ i).sum::<u64>()))
            .collect();
        let total: u64 = handles.into_iter().map(|h| h.join().expect("thread panicked")).sum();
        let expected: u64 = (0..8u64).map(|i| (0..100_000u64).map(|x| x ^ i).sum::<u64>()).sum();
        assert_eq!(total, expected);
    });

    phase(sel, "mutex-condvar", || {
        let state = Arc::new((Mutex::new(0usize), Condvar::new()));
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let state = Arc::clone(&state);
                thread::spawn(move || {
                    for _ in 0..10_000 {
                        *state.0.lock().expect("poisoned") += 1;
                    }
                    state.1.notify_all();
                })
            })
            .collect();
        {
            let mut n = state.0.lock().expect("poisoned");
            while *n < 80_000 {
                n = state.1.wait(n).expect("poisoned");
            }
        }
        for h in handles {
            h.join().expect("thread panicked");
        }
    });

    phase(sel, "thread-local-destructors", || {
        static DROPPED: AtomicUsize = AtomicUsize::new(0);
        struct Guard;
        impl Drop for Guard {
            fn drop(&mut self) {
                DROPPED.fetch_add(1, Ordering::SeqCst);
            }
        }
        thread_local!(static G: Guard = const { Guard });
        let handles: Vec<_> = (0..6).map(|_| thread::spawn(|| G.with(|_| ()))).collect();
        for h in handles {
            h.join().expect("thread panicked");
        }
        assert_eq!(DROPPED.load(Ordering::SeqCst), 6);
    });

    phase(sel, "scoped", || {
        for round in 0..20 {
            let data: Vec<u32> = (0..4096).collect();
            let sum = AtomicUsize::new(0);
            thread::scope(|s| {
                for chunk in data.chunks(1024) {
                    let sum = &sum;
                    s.spawn(move || {
                        sum.fetch_add(chunk.iter().map(|&x| x as usize).sum::<usize>(), Ordering::SeqCst);
                    });
                }
            });
            assert_eq!(sum.load(Ordering::SeqCst), 4095 * 4096 / 2, "round {round}");
        }
    });

    phase(sel, "detached", || {
        let (tx, rx) = mpsc::channel();
        for i in 0..32 {
            let tx = tx.clone();
            drop(thread::spawn(move || tx.send(i).expect("receiver alive")));
        }
        drop(tx);
        let mut got: Vec<i32> = rx.iter().collect();
        got.sort_unstable();
        assert_eq!(got, (0..32).collect::<Vec<_>>());
    });

    phase(sel, "park-unpark", || {
        let main = thread::current();
        let flag = Arc::new(AtomicUsize::new(0));
        let f = Arc::clone(&flag);
        let h = thread::spawn(move || {
            f.store(1, Ordering::SeqCst);
            main.unpark();
        });
        while flag.load(Ordering::SeqCst) == 0 {
            thread::park();
        }
        h.join().expect("thread panicked");
    });

    phase(sel, "rayon-pool", || {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(4).build().expect("pool");
        let used = Mutex::new(std::collections::BTreeSet::new());
        for _ in 0..50 {
            let s: u64 = pool.install(|| {
                use rayon::prelude::*;
                (0..200_000u32)
                    .into_par_iter()
                    .with_min_len(1000)
                    .map(|x| {
                        let x = u64::from(x);
                        if x % 10_000 == 0 {
                            used.lock().expect("poisoned").insert(rayon::current_thread_index());
                        }
                        x * 2
                    })
                    .sum()
            });
            assert_eq!(s, 199_999 * 200_000);
        }
        let used = used.into_inner().expect("poisoned");
        assert!(used.len() > 1, "only {used:?} rayon threads did work");
    });
}
