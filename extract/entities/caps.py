"""All-caps stretches (wire headlines, datelines): the statistical NER is unreliable there."""

from __future__ import annotations

from spacy.tokens import Doc, Token

MIN_SHOUTED_WORDS = 3


def _has_lower(tok: Token) -> bool:
    """The token has a lower-case letter; the lexeme's flags answer for most words, fast."""
    if tok.is_lower or tok.is_title:
        return not tok.is_upper  # "A" is title and upper
    return not tok.is_upper and tok.text != tok.text.upper()


def caps_mask(doc: Doc) -> list[bool]:
    """True for tokens inside a run of at least three upper-case words with no lower-case
    word between them ("RUSSIA'S LEBED SAYS ..."); "NATO and the EU" is not such a run."""
    mask = [False] * len(doc)
    run_start, shouted = 0, 0
    for tok in doc:
        if _has_lower(tok):  # the run ends here
            if shouted >= MIN_SHOUTED_WORDS:
                mask[run_start : tok.i] = [True] * (tok.i - run_start)
            run_start, shouted = tok.i + 1, 0
        elif len(tok) > 1 and (tok.is_upper or tok.text != tok.text.lower()):
            shouted += 1
    if shouted >= MIN_SHOUTED_WORDS:
        mask[run_start:] = [True] * (len(doc) - run_start)
    return mask
