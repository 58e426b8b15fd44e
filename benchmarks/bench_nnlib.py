"""nnlib against the tutorials' own loops, measured side by side in one run.

(a) ``Perceptron.fit``: one epoch over 10,000 two-feature samples with label
    noise, against the step tutorial's loop (``np.insert`` of the bias on every
    sample, predict via a dot product, a rebuilt ``W`` every sample).
    Bar: at least 5x faster per sample.
(b) ``gradient_descent``: full batch, 100,000 x 20, 10 epochs, sigmoid + BCE,
    against the floor: per epoch the two matrix-vector products ``X @ w`` and
    ``X.T @ r`` plus one ``np.exp`` and one ``np.log`` over n values.
    Bar: at most 2.5x the floor. Also the speed-up over the blog's style (a
    fresh permutation copy of X and a print every epoch; the prints go into an
    ``io.StringIO``).

Every time is the median of several repeats, and the contenders alternate
within each repeat so that load from other processes hits both alike.
"""
from __future__ import annotations

import contextlib
import io
import statistics
import time

import numpy as np

import nnlib as nn

PERCEPTRON_N = 10_000
GD_N, GD_D, GD_EPOCHS, GD_LR = 100_000, 20, 10, 0.1
REPEATS = 7  # perceptron: each tutorial epoch takes ~0.1 s
GD_REPEATS = 15  # gradient descent: each run is short, and the machine may be shared


# ---------------------------------------------------------------- the tutorials' loops

class TutorialPerceptron:
    """The step tutorial's perceptron (repaired listing), as the learner typed it."""

    def __init__(self, input_size, lr=1, epochs=100):
        self.W = np.zeros(input_size + 1)
        self.epochs = epochs
        self.lr = lr

    def activation_fn(self, x):
        return 1 if x >= 0 else 0

    def predict(self, x):
        z = self.W.T.dot(x)
        a = self.activation_fn(z)
        return a

    def fit(self, X, d):
        for _ in range(self.epochs):
            for i in range(d.shape[0]):
                x = np.insert(X[i], 0, 1)
                y = self.predict(x)
                e = d[i] - y
                self.W = self.W + self.lr * e * x


def blog_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def blog_bce(A, y, eps=1e-15):
    return -np.mean(y * np.log(A + eps) + (1 - y) * np.log(1 - A + eps))


def blog_gradient_descent(X, y, W, b, lr, num_epochs, batch_size, rng):
    """The blog's loop: a permuted copy of X every epoch, the (A - y) x update, a print per epoch."""
    n = X.shape[0]
    loss_history = []
    for epoch in range(num_epochs):
        perm = rng.permutation(n)
        X_shuffled, y_shuffled = X[perm], y[perm]
        for i in range(0, n, batch_size):
            X_batch, y_batch = X_shuffled[i : i + batch_size], y_shuffled[i : i + batch_size]
            A = blog_sigmoid(np.dot(X_batch, W) + b)
            dz = A - y_batch
            m = X_batch.shape[0]
            W = W - lr * (1 / m) * np.dot(X_batch.T, dz)
            b = b - lr * (1 / m) * np.sum(dz)
        loss = blog_bce(blog_sigmoid(np.dot(X, W) + b), y)
        loss_history.append(loss)
        print(f"Epoch {epoch + 1}/{num_epochs}, Loss: {loss:.4f}")
    return W, b, loss_history


def floor_epochs(X, w, r, positive, epochs):
    """Only the unavoidable work per epoch: X @ w, X.T @ r, one exp and one log over n values."""
    for _ in range(epochs):
        z = X @ w
        X.T @ r
        np.exp(z)
        np.log(positive)


# ---------------------------------------------------------------- timing

def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def bench_perceptron() -> bool:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(PERCEPTRON_N, 2))
    d = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(int)
    flip = rng.random(PERCEPTRON_N) < 0.1  # 10% label noise: many updates in the epoch
    d[flip] = 1 - d[flip]

    ours, theirs = [], []
    for _ in range(REPEATS):
        p = nn.Perceptron(2, lr=1.0, epochs=1)
        ours.append(_time(lambda: p.fit(X, d)))
        t = TutorialPerceptron(2, lr=1, epochs=1)
        theirs.append(_time(lambda: t.fit(X, d)))
    ours_us = statistics.median(ours) / PERCEPTRON_N * 1e6
    theirs_us = statistics.median(theirs) / PERCEPTRON_N * 1e6
    ratio = theirs_us / ours_us
    same = np.array_equal(p.W, t.W)
    print(f"(a) Perceptron.fit, 1 epoch, {PERCEPTRON_N:,} samples x 2 features, 10% label noise, "
          f"{p.n_updates_:,} updates")
    print(f"    nnlib    {ours_us:7.2f} us/sample")
    print(f"    tutorial {theirs_us:7.2f} us/sample (np.insert + dot + rebuilt W)")
    print(f"    same final W: {'yes' if same else 'no, max diff %.1e' % np.abs(p.W - t.W).max()}")
    ok = ratio >= 5 and same  # a fast wrong answer does not count
    print(f"    speed-up {ratio:.1f}x   bar >= 5x (and the same W)   {_verdict(ok)}")
    return ok


def bench_gradient_descent() -> bool:
    rng = np.random.default_rng(1)
    X = rng.normal(size=(GD_N, GD_D))
    true_w = rng.normal(size=GD_D)
    y = (X @ true_w + rng.normal(scale=2.0, size=GD_N) > 0).astype(float)
    W0 = np.zeros((GD_D, 1))
    r = rng.normal(size=GD_N)
    positive = rng.random(GD_N) + 0.5
    w_small = rng.normal(scale=0.01, size=GD_D)

    ours, floor, blog = [], [], []
    for _ in range(GD_REPEATS):
        ours.append(_time(lambda: nn.gradient_descent(X, y, W0, 0.0, GD_LR, GD_EPOCHS, GD_N)))
        floor.append(_time(lambda: floor_epochs(X, w_small, r, positive, GD_EPOCHS)))
        with contextlib.redirect_stdout(io.StringIO()):
            blog.append(_time(lambda: blog_gradient_descent(
                X, y[:, None], W0, 0.0, GD_LR, GD_EPOCHS, GD_N, np.random.default_rng(0))))
    t_ours, t_floor, t_blog = (statistics.median(t) for t in (ours, floor, blog))

    # Same arithmetic, so the same answer (the blog's order differs only by the shuffle).
    W, b, hist = nn.gradient_descent(X, y, W0, 0.0, GD_LR, GD_EPOCHS, GD_N)
    with contextlib.redirect_stdout(io.StringIO()):
        Wb, bb, hb = blog_gradient_descent(X, y[:, None], W0, 0.0, GD_LR, GD_EPOCHS, GD_N, np.random.default_rng(0))
    agree = np.allclose(W, Wb, rtol=1e-9, atol=1e-12) and np.allclose(hist, hb, rtol=1e-9)

    ratio = t_ours / t_floor
    ok = ratio <= 2.5 and agree  # a fast wrong answer does not count
    print(f"(b) gradient_descent, full batch, {GD_N:,} x {GD_D}, {GD_EPOCHS} epochs, sigmoid + BCE")
    print(f"    nnlib      {t_ours * 1e3:7.1f} ms")
    print(f"    floor      {t_floor * 1e3:7.1f} ms (X @ w, X.T @ r, one exp, one log per epoch)")
    print(f"    blog style {t_blog * 1e3:7.1f} ms (permuted copy of X + a print every epoch)")
    print(f"    same W and loss history as the blog's loop: {'yes' if agree else 'NO'}")
    print(f"    nnlib / floor {ratio:.2f}x   bar <= 2.5x (and the same answer)   {_verdict(ok)}")
    print(f"    speed-up over the blog style {t_blog / t_ours:.1f}x")
    return ok


def main() -> bool:
    print(f"medians of {REPEATS} (a) and {GD_REPEATS} (b) repeats, contenders alternating")
    a = bench_perceptron()
    b = bench_gradient_descent()
    return a and b


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
