//! Progress from worker threads to a JavaScript callback, delivered before the promise settles.

use std::sync::mpsc::{self, Receiver};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use napi::Status;
use napi::bindgen_prelude::{FromNapiValue, ToNapiValue};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};

/// `(progress) => void`, called on the JavaScript thread, not error-first.
pub type Callback<T> = ThreadsafeFunction<T, (), T, Status, false>;

/// How long a finished task waits for its last progress call to reach JavaScript. Only a torn
/// down environment (napi-rs drops queued calls without running them) or a main thread blocked
/// this long gets near it; then the promise may settle before the last progress call.
const FLUSH_TIMEOUT: Duration = Duration::from_secs(10);

/// Forwards progress events from any thread to a JavaScript callback.
///
/// Calls never wait for JavaScript (non-blocking mode, unbounded queue) and run on the
/// JavaScript thread in order. A task's promise settles through a different libuv handle than
/// the queued calls and can overtake them, so a task sends its last event with
/// [`Progress::send_last`] and calls [`Progress::flush`] before returning: the queue is FIFO,
/// so once the last call has run, all earlier ones have too.
pub struct Progress<'a, T>
where
    T: ToNapiValue + FromNapiValue + Send + 'static,
{
    callback: &'a Callback<T>,
    last: Mutex<Option<Receiver<()>>>,
}

impl<'a, T> Progress<'a, T>
where
    T: ToNapiValue + FromNapiValue + Send + 'static,
{
    pub fn new(callback: &'a Callback<T>) -> Self {
        Self {
            callback,
            last: Mutex::new(None),
        }
    }

    /// Queues one event. `Closing` (JavaScript is going away) is ignored: progress is best
    /// effort then.
    pub fn send(&self, event: T) {
        let _ = self
            .callback
            .call(event, ThreadsafeFunctionCallMode::NonBlocking);
    }

    /// Queues the final event and remembers it, for [`Progress::flush`].
    pub fn send_last(&self, event: T) {
        let (delivered, receiver) = mpsc::channel::<()>();
        let status = self.callback.call_with_return_value(
            event,
            ThreadsafeFunctionCallMode::NonBlocking,
            move |result, _env| {
                let _ = delivered.send(());
                // A throwing callback stays an uncaught exception, as for the other calls.
                result
            },
        );
        if status == Status::Ok {
            *self.last.lock().unwrap_or_else(PoisonError::into_inner) = Some(receiver);
        }
    }

    /// Waits until the final event has run in JavaScript (bounded by a timeout).
    pub fn flush(&self) {
        let receiver = self
            .last
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(receiver) = receiver {
            let _ = receiver.recv_timeout(FLUSH_TIMEOUT);
        }
    }
}
