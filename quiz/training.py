"""A tiny model that learns a die: softmax over the faces, trained by gradient descent on
cross-entropy — the loss language models are trained with, over six faces instead of the
next word.

The model has one number (a logit) per outcome; its belief is q = softmax(logits). On the
data (rolls), the loss is the average surprise −ln q(x) over the rolls, which is the
cross-entropy H(p̂, q) between the rolls' frequencies p̂ and the model's belief. Its gradient
with respect to the logits is simply q − p̂, so each step moves the belief towards the
frequencies, and the loss falls towards the entropy H(p̂), the least it can be.

>>> run = train_softmax([4, 4, 1, 2, 3, 4] * 50, outcomes=(1, 2, 3, 4, 5, 6), steps=400)
>>> run.losses[0] > run.losses[-1] > run.entropy
True
>>> round(run.probabilities[4], 2)
0.5
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from quiz import calculator

MAX_SAMPLES = 1_000_000
MAX_STEPS = 10_000
DEFAULT_STEPS = 300
# Softmax cross-entropy has gradients at most 1 apart per logit and curvature at most 1/2, so
# a step of 1 always lowers the loss; it is also fast enough for 300 steps to get close.
DEFAULT_LEARNING_RATE = 1.0


@dataclass(frozen=True)
class TrainingRun:
    """What training did. Losses and the entropy are in nats (natural log), as in the
    deep-learning libraries; `in_base` converts."""

    outcomes: tuple[int, ...]
    losses: list[float]  # the loss before the first step, then after each step
    probabilities: dict[int, float]  # the learned belief q
    frequencies: dict[int, float]  # p̂: how often each outcome came up in the data
    entropy: float  # H(p̂): the smallest loss any belief can have on this data

    @property
    def steps(self) -> int:
        return len(self.losses) - 1


def train_softmax(
    samples: Sequence[int],
    outcomes: Sequence[int],
    *,
    steps: int = DEFAULT_STEPS,
    learning_rate: float = DEFAULT_LEARNING_RATE,
) -> TrainingRun:
    """Fit q = softmax(logits) to `samples` (each one of `outcomes`) by full-batch gradient
    descent on the cross-entropy, starting from the uniform belief (all logits 0)."""
    index = {outcome: position for position, outcome in enumerate(outcomes)}
    if len(index) != len(outcomes) or len(outcomes) < 2:
        raise ValueError("outcomes must be at least two different values")
    if not 1 <= len(samples) <= MAX_SAMPLES:
        raise ValueError(f"train on 1 to {MAX_SAMPLES} samples, got {len(samples)}")
    if not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"train for 1 to {MAX_STEPS} steps, got {steps}")
    if not 0 < learning_rate <= 10:
        raise ValueError(f"the learning rate must be in (0, 10], got {learning_rate}")
    unknown = {sample for sample in samples if sample not in index}
    if unknown:
        raise ValueError(f"samples {sorted(unknown)} are not among the outcomes {list(outcomes)}")

    counts = np.bincount([index[sample] for sample in samples], minlength=len(outcomes))
    frequencies = counts / counts.sum()
    logits = np.zeros(len(outcomes))
    losses = []
    for _ in range(steps):
        q = _softmax(logits)
        losses.append(_cross_entropy(frequencies, logits))
        logits -= learning_rate * (q - frequencies)
    losses.append(_cross_entropy(frequencies, logits))
    learned = _softmax(logits)
    seen = frequencies > 0
    entropy = float(-(frequencies[seen] * np.log(frequencies[seen])).sum())
    return TrainingRun(
        outcomes=tuple(outcomes),
        losses=losses,
        probabilities={o: float(learned[i]) for o, i in index.items()},
        frequencies={o: float(frequencies[i]) for o, i in index.items()},
        entropy=entropy,
    )


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max())  # the shift keeps exp from overflowing
    return shifted / shifted.sum()


def _cross_entropy(frequencies: np.ndarray, logits: np.ndarray) -> float:
    """H(p̂, softmax(logits)) in nats, through log-softmax so that tiny q never becomes log 0."""
    log_q = logits - logits.max() - np.log(np.exp(logits - logits.max()).sum())
    return float(-(frequencies * log_q).sum())


def in_base(nats: float, base: str) -> float:
    """A loss in nats expressed in bits ("2"), nats ("e") or hartleys ("10")."""
    return nats * calculator.log_in_base(math.e, base)
