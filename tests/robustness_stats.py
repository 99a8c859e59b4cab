"""Hypothesis profiles and the figures of the generated-input suite (imported by conftest).

    pytest tests/test_generated_drafts.py                           # a few hundred cases
    pytest tests/test_generated_drafts.py --hypothesis-profile=long # ≥ 10,000 cases

At the end of a run the terminal summary prints, per strategy, how many inputs were tried,
how they ended (exit 0/1/2), how many passed check and were rendered and re-checked, and the
slowest case; the same figures go to $DRAFTER_ROBUSTNESS_JSON when that is set."""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict

from hypothesis import HealthCheck, Phase, settings

# No "explain" phase: it traces every line (sys.settrace), which makes a 1 s case take 10.
# No example database: a failure prints its reproduction blob (print_blob), and replaying a stored
# example after the generators changed made hypothesis fail with "Inconsistent data generation".
_PHASES = [Phase.explicit, Phase.generate, Phase.target, Phase.shrink]
_COMMON = dict(deadline=None, derandomize=False, print_blob=True, phases=_PHASES, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                                      HealthCheck.large_base_example])
settings.register_profile("default", max_examples=60, **_COMMON)  # ≈ 240 cases in all
settings.register_profile("long", max_examples=2600, **_COMMON)  # ≈ 10,400 cases in all
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


class Figures:
    def __init__(self) -> None:
        self.cases: Counter = Counter()
        self.exits: dict[str, Counter] = defaultdict(Counter)
        self.rendered: Counter = Counter()
        self.rechecked: Counter = Counter()
        self.slowest: dict[str, float] = defaultdict(float)
        self.over_10s: Counter = Counter()

    def record(self, strategy: str, code: int, seconds: float, rendered: bool) -> None:
        self.cases[strategy] += 1
        self.exits[strategy][code] += 1
        self.rendered[strategy] += rendered
        self.slowest[strategy] = max(self.slowest[strategy], seconds)
        self.over_10s[strategy] += seconds > 10

    def as_dict(self) -> dict:
        return {s: {"cases": self.cases[s], "exits": dict(sorted(self.exits[s].items())),
                    "rendered_and_reopened": self.rendered[s], "rechecked": self.rechecked[s],
                    "slowest_cpu_s": round(self.slowest[s], 2),
                    "over_10_s": self.over_10s[s]} for s in sorted(self.cases)}


FIGURES = Figures()


def pytest_terminal_summary(terminalreporter):
    if not FIGURES.cases:
        return
    tr = terminalreporter
    tr.section("generated and mutated drafts")
    total = sum(FIGURES.cases.values())
    for name, row in FIGURES.as_dict().items():
        tr.write_line(f"{name:18} {row['cases']:6} cases  exits {row['exits']}  rendered+reopened "
                      f"{row['rendered_and_reopened']}  re-checked {row['rechecked']}  slowest {row['slowest_cpu_s']} s"
                      f"  over 10 s: {row['over_10_s']}")
    tr.write_line(f"total {total} cases, 0 tracebacks (a traceback fails the test); times are CPU seconds of one case")
    out = os.environ.get("DRAFTER_ROBUSTNESS_JSON")
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            json.dump({"total": total, "strategies": FIGURES.as_dict()}, fh, ensure_ascii=False, indent=2)
