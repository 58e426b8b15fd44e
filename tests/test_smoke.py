"""The source tutorial's headline claim, as the first guard of the suite."""
import numpy as np

import nnlib as nn


def test_and_gate_reproduces_the_tutorials_weights():
    X, d = nn.logic_gate("AND")
    p = nn.Perceptron(input_size=2, lr=1, epochs=10).fit(X, d)
    np.testing.assert_array_equal(p.W, [-3, 2, 1])
