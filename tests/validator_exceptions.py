"""The one reviewed list of validator findings that the tests let through (docs/validation.md).

A finding is let through only when an entry below names its validator, its rule, the outputs
it may occur in and the text of its message, and says why it is not a defect of ours. Every
entry must still match a finding (tests/test_validators.py fails on a stale one), so an entry
goes when the validator or the output changes. Nothing else silences a validator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Allowed:
    """One finding the tests accept, and why."""

    validator: str  # "openxml-audit", "ooxml-integrity" or "qpdf"
    rule: str  # the finding's code: "PPT007", "Sec_ExternalRelationship"; else its kind: "schema"
    outputs: str  # regular expression searched in the output's "<build>/<file>" name
    message: str  # regular expression searched in the validator's own message
    reason: str

    def matches(self, validator: str, rule: str, output: str, message: str) -> bool:
        return (
            validator == self.validator
            and rule == self.rule
            and re.search(self.outputs, output) is not None
            and re.search(self.message, message) is not None
        )


ALLOWED: tuple[Allowed, ...] = (
    Allowed(
        validator="openxml-audit",
        rule="Sec_ExternalRelationship",
        outputs=r"\.(pptx|docx)$",
        message=r"^\[warning\] External relationship target: (https?://|mailto:)",
        reason=(
            "The security scan warns on every external relationship so that a reader can audit "
            "what a file fetches. Ours are the briefing's own links (sources and inline links), "
            "which the loader restricts to http, https and mailto (docs/briefing-format.md) "
            "and which Office "
            "follows only when clicked, never fetches on opening. A target with any other "
            "scheme, or any other security finding, still fails."
        ),
    ),
)
