//! Work side by side where the platform has threads: the CLI uses every
//! core for the independent parts of an analysis (the purchase models'
//! fits, their standard errors, their holdouts). The browser's wasm has no
//! threads without cross-origin isolation, so there the same calls run one
//! after the other. Either way the results are the same to the bit: each
//! closure computes exactly what it would alone.

/// `a()` and `b()`, at the same time where there are threads.
#[cfg(not(target_arch = "wasm32"))]
pub fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    std::thread::scope(|scope| {
        let other = scope.spawn(b);
        let first = a();
        // A panic in `b` is re-raised here, as if it had run on this thread.
        let second = other
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (first, second)
    })
}

#[cfg(target_arch = "wasm32")]
pub fn join<A, B>(a: impl FnOnce() -> A, b: impl FnOnce() -> B) -> (A, B) {
    (a(), b())
}

/// `f` of every item, in order, spread over the cores (at most one thread
/// per item).
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    halves(items, &f)
}

fn halves<T: Sync, R: Send>(items: &[T], f: &(dyn Fn(&T) -> R + Sync)) -> Vec<R> {
    match items {
        [] => Vec::new(),
        [one] => vec![f(one)],
        _ => {
            let (left, right) = items.split_at(items.len() / 2);
            let (mut a, b) = join(|| halves(left, f), || halves(right, f));
            a.extend(b);
            a
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_keeps_the_order() {
        let items: Vec<u32> = (0..37).collect();
        assert_eq!(
            map(&items, |i| i * 2),
            (0..37).map(|i| i * 2).collect::<Vec<_>>()
        );
        assert_eq!(join(|| 1, || "two"), (1, "two"));
    }
}
