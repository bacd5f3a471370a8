"""How the learnt model's barrier codes join the rule coder's: thresholds, the lever guard, the rows added."""

from __future__ import annotations

import functools
import re

from ..text.textio import fold
from .coding_model import JOIN_THRESHOLD, THRESHOLD, model_probabilities, top_features

#: cue of a code suggested by the learnt model, not by a rule
LEARNT_CUE = "(mô hình học)"
#: whether `suggest_codes` adds the learnt model's codes (at `coding_model.JOIN_THRESHOLD`) unless told
#: otherwise: on, by the decision fixed before the thirteenth held-out part was scored (see `coding_model`)
LEARNT_DEFAULT = True


#: whether the learnt model may add a barrier that a lever the rules found in a paragraph with no barrier
#: addresses ("Tỉnh mở rộng thanh toán lệ phí trực tuyến" is a payment measure, not a payment barrier);
#: see the decision fixed before the sixteenth held-out part was scored (tests/corpus/README.md): it changed
#: no suggestion on heldout16 or on heldout5, 4 and 3, so it stays off
LEVER_GUARD = False


@functools.lru_cache(maxsize=1)
def _lever_targets() -> dict[str, frozenset[str]]:
    from ..evidence.taxonomy import load_lever_barrier

    links = load_lever_barrier()
    return {lever: frozenset(group["barrier"]) for lever, group in links.groupby("lever")}


def addressed_barriers(levers: set[str]) -> set[str]:
    """The barrier codes the given levers address (`data/lever_barrier.csv`)."""
    targets = _lever_targets()
    return set().union(*(targets.get(code, frozenset()) for code in levers))


def learnt_threshold(learnt: bool | float | None) -> float | None:
    """The probability a learnt code needs, or None when the model adds nothing (`learnt` as in
    `coding.suggest_codes`)."""
    if learnt is None:
        return JOIN_THRESHOLD if LEARNT_DEFAULT else None
    if isinstance(learnt, bool):
        return THRESHOLD if learnt else None
    return float(learnt)


def learnt_rows(number: int, paragraph: str, sentences: list[str], ruled: set[str],
                 threshold: float) -> list[tuple]:
    """Barrier rows of the learnt model for one paragraph: codes the rules left out (as a barrier
    or as an achievement, which the model cannot tell apart) whose probability passes `threshold`."""
    probs = model_probabilities(paragraph)
    wanted = sorted(code for code, p in probs.items() if p > threshold and code not in ruled)
    by_sentence = [(s, model_probabilities(s)) for s in sentences] if wanted else []
    rows = []
    for code in wanted:
        p = probs[code]
        best = max(by_sentence, key=lambda sp: sp[1].get(code, 0.0))[0] if by_sentence else paragraph
        words = [as_written(best, g) for g in top_features(best, code)]
        rows.append((number, best, "barrier", code, "; ".join(w for w in words if w), LEARNT_CUE, round(p, 2)))
    return rows


def as_written(sentence: str, gram: str) -> str:
    """The words of `sentence` that fold to the model feature `gram` ("chua dap" → "chưa đáp")."""
    folded = fold(sentence).lower()  # one character per character, so positions carry over
    rx = r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, gram.split())) + r"(?![^\W_])"
    m = re.search(rx, folded)
    return sentence[m.start():m.end()] if m else gram
