"""nnlib: the small NumPy library behind "Perceptrons from Scratch".

Read it in this order: ``validation`` (input checks), ``perceptron`` (the step neuron and Rosenblatt's
rule; ``pocket`` keeps its best weights), ``functions`` (sigmoid, losses, matrix helpers), ``training``
(gradient descent with exact gradients), ``mlp`` (the two-layer network), ``data`` and ``plotting``.
"""
from .data import GATES, grid_dataset, load_iris, logic_gate, two_clusters
from .functions import binary_cross_entropy, forward_perceptron, identity, matrix_multiply, mse_loss, normalize, sigmoid
from .mlp import TwoLayerNet, forward_two_layer, two_layer_gradients
from .perceptron import Perceptron, step
from .training import GROWTH_LIMIT, SUPPORTED_PAIRS, TrainingDiverged, gradient_descent, gradients, numerical_gradient

__version__ = "0.1.0"

__all__ = [
    "Perceptron", "step", "sigmoid", "identity", "binary_cross_entropy", "mse_loss", "matrix_multiply", "normalize",
    "forward_perceptron", "gradients", "gradient_descent", "numerical_gradient", "TrainingDiverged",
    "SUPPORTED_PAIRS", "GROWTH_LIMIT", "GATES", "logic_gate", "grid_dataset", "two_clusters", "load_iris",
    "TwoLayerNet", "forward_two_layer", "two_layer_gradients",
]
