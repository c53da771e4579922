"""How long the pictures of /learn take to draw: the first time in a fresh process (matplotlib
and Typst warm up on the first picture), and again from the cache (a benchmark, not a test).

Run: `python bench/learn_pictures.py`. Prints, per picture and language, the first render and
the cached one in milliseconds, then the totals, and the time of `pictures.picture` (the
async path the bot uses: a worker thread the first time, no thread once drawn)."""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.features.learn import pictures


def main() -> None:
    first: dict[tuple[str, str], float] = {}
    cached: dict[tuple[str, str], float] = {}
    for lang in ("uk", "en"):
        for name in pictures.PICTURES:
            started = time.perf_counter()
            pictures.render(name, lang)
            first[(name, lang)] = time.perf_counter() - started
            started = time.perf_counter()
            pictures.render(name, lang)
            cached[(name, lang)] = time.perf_counter() - started
    print(f"{'picture':<16} {'lang':<4} {'first ms':>9} {'cached µs':>10}")
    for key in first:
        name, lang = key
        print(f"{name:<16} {lang:<4} {first[key] * 1e3:>9.1f} {cached[key] * 1e6:>10.2f}")
    print(
        f"\n{len(first)} pictures: first renders {sum(first.values()):.2f} s in all "
        f"(median {statistics.median(first.values()) * 1e3:.0f} ms, "
        f"max {max(first.values()) * 1e3:.0f} ms); cached median "
        f"{statistics.median(cached.values()) * 1e6:.2f} µs"
    )

    async def through_the_bot() -> tuple[float, float]:
        pictures._drawing.clear()
        pictures.render.cache_clear()
        started = time.perf_counter()
        await pictures.picture("underflow", "uk")
        cold = time.perf_counter() - started
        started = time.perf_counter()
        await pictures.picture("underflow", "uk")
        return cold, time.perf_counter() - started

    cold, warm = asyncio.run(through_the_bot())
    print(
        f"pictures.picture('underflow', 'uk'): {cold * 1e3:.1f} ms in a worker thread "
        f"(fonts warm), then {warm * 1e6:.1f} µs from the cache"
    )


if __name__ == "__main__":
    main()
