"""Read a py-spy profile in collapsed form (`py-spy record --format raw`, what
`bench/bot_bench.py --profile out.txt` writes): where the time went, by function.

    python bench/stacks.py out.txt               # top functions, inclusive and self
    python bench/stacks.py out.txt --match sqlalchemy --top 30"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path


def load(path: Path) -> list[tuple[list[str], int]]:
    stacks = []
    for line in path.read_text().splitlines():
        frames, _, count = line.rpartition(" ")
        if frames and count.isdigit():
            stacks.append((frames.split(";"), int(count)))
    return stacks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", type=Path)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--match", default="", help="only frames containing this text")
    arguments = parser.parse_args()
    stacks = load(arguments.profile)
    total = sum(count for _, count in stacks)
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for frames, count in stacks:
        for frame in set(frames):
            if arguments.match in frame:
                inclusive[frame] += count
        if arguments.match in frames[-1]:
            own[frames[-1]] += count
    print(f"{total} samples")
    for title, counter in (("inclusive", inclusive), ("self", own)):
        print(f"-- {title}")
        for frame, count in counter.most_common(arguments.top):
            print(f"{count / total:6.1%}  {frame[:150]}")


if __name__ == "__main__":
    main()
