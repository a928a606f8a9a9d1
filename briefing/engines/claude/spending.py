"""``--max-cost``: no call (or batch) starts that could take the run's spend past the budget.

Before each call its worst case is reserved: every input token at the cache-write price (the
dearest input rate) counted generously (one token per three characters), plus ``max_tokens`` of
output. After the call the reservation is replaced by what the call really cost. The first call
whose worst case does not fit stops the run's spending: it and every later call become
``BudgetReached`` failures ("not processed"), so the briefing lists what was not processed and a
re-run with a larger budget (or after the cache has filled) picks them up.
"""

from __future__ import annotations

import threading

from briefing.engines.claude.pricing import PriceTable
from briefing.errors import ConfigError, ModelCallError

UPPER_CHARS_PER_TOKEN = 3


class BudgetReached(ModelCallError):
    """A call not made because it could have passed ``--max-cost``."""


def worst_case_cost(
    prices: PriceTable, model: str, *, prompt_chars: int, max_tokens: int, discount: float = 1.0
) -> float:
    """Upper bound in USD of one call with ``prompt_chars`` of prompt (``discount``: 0.5 in a batch)."""
    price = prices.price(model)
    if price is None:
        raise ConfigError(f"--max-cost needs a price for {model}; add it with --prices FILE")
    tokens = prompt_chars // UPPER_CHARS_PER_TOKEN + 1
    return discount * (tokens * max(price.input, price.cache_write) + max_tokens * price.output) / 1_000_000


class Spending:
    """The run's spend against ``max_cost`` (None: no limit), shared by all its calls."""

    def __init__(self, max_cost: float | None, *, prices: PriceTable, model: str) -> None:
        if max_cost is not None and prices.price(model) is None:
            raise ConfigError(f"--max-cost needs a price for {model}; add it with --prices FILE")
        self.max_cost = max_cost
        self._prices = prices
        self._model = model
        self._spent = 0.0
        self._reserved = 0.0
        self._lock = threading.Lock()
        self.stopped = False

    @property
    def spent(self) -> float:
        return self._spent

    def reserve(self, label: str, *, prompt_chars: int, max_tokens: int, discount: float = 1.0) -> float:
        """Reserve a call's worst case, or raise ``BudgetReached``; returns the amount reserved."""
        if self.max_cost is None:
            return 0.0
        worst = worst_case_cost(
            self._prices, self._model, prompt_chars=prompt_chars, max_tokens=max_tokens, discount=discount
        )
        with self._lock:
            if self.stopped or self._spent + self._reserved + worst > self.max_cost:
                self.stopped = True
                raise BudgetReached(
                    f"not processed: --max-cost ${self.max_cost:.2f} could be passed "
                    f"(${self._spent:.4f} spent, next call up to ${worst:.4f})",
                    document_id=label,
                )
            self._reserved += worst
        return worst

    def settle(self, reserved: float, cost: float | None) -> None:
        """Replace a reservation by the call's real cost (``None``: it cost nothing known)."""
        with self._lock:
            self._reserved -= reserved
            self._spent += cost or 0.0
