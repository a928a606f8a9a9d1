"""Turn token counts into dollars with a per-model price table kept as data, not code.

Prices change more often than code, so they live in ``prices.json`` beside this module and a user
file in the same format can override or add models (``--prices FILE``). A model missing from the
table gets no cost at all (``None``) rather than a guess: the summary line then shows tokens only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from briefing.errors import ConfigError

_PER = 1_000_000


class _PriceEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    input: float = Field(ge=0)
    output: float = Field(ge=0)
    cache_write: float = Field(ge=0)
    cache_read: float = Field(ge=0)


class _PriceFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit: str = "USD per million tokens"
    source: str = ""
    checked: str = ""
    models: dict[str, _PriceEntry]


@dataclass(frozen=True, slots=True)
class Price:
    """USD per million tokens for each kind of token one model bills."""

    input: float
    output: float
    cache_write: float
    cache_read: float


@dataclass(frozen=True, slots=True)
class PriceTable:
    prices: dict[str, Price]

    def price(self, model: str) -> Price | None:
        return self.prices.get(model)

    def cost(
        self,
        model: str,
        *,
        input_tokens: int,
        output_tokens: int,
        cache_creation_input_tokens: int = 0,
        cache_read_input_tokens: int = 0,
    ) -> float | None:
        """Dollar cost of one call, or ``None`` when the model is not in the table."""
        price = self.prices.get(model)
        if price is None:
            return None
        return (
            input_tokens * price.input
            + output_tokens * price.output
            + cache_creation_input_tokens * price.cache_write
            + cache_read_input_tokens * price.cache_read
        ) / _PER


def _read(source: str, origin: str) -> dict[str, Price]:
    try:
        parsed = _PriceFile.model_validate(json.loads(source))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise ConfigError(f"price table {origin} is not valid: {exc}") from exc
    return {name: Price(**entry.model_dump()) for name, entry in parsed.models.items()}


def load_price_table(path: Path | None = None) -> PriceTable:
    """The packaged table, with the entries of ``path`` (if given) added or overriding."""
    packaged = (resources.files("briefing.engines.claude") / "prices.json").read_text(encoding="utf-8")
    prices = _read(packaged, "prices.json (packaged)")
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read price table {path}: {exc.strerror or exc}") from exc
        prices |= _read(text, str(path))
    return PriceTable(prices)
