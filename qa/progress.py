"""Progress of long jobs (index builds) as log lines: one per stage, at most one per 10%."""

from __future__ import annotations

import logging
from typing import Callable

Progress = Callable[[str, float], None]


def log_progress(logger: logging.Logger, prefix: str = "") -> Progress:
    last = {"pct": -100, "stage": None}

    def report(msg: str, frac: float) -> None:
        pct = int(round(frac * 100))
        stage = msg.split(" ")[:2]
        if stage != last["stage"] or pct // 10 != last["pct"] // 10 or pct == 100:
            logger.info("%s[%3d%%] %s", prefix, pct, msg)
            last["pct"], last["stage"] = pct, stage

    return report
