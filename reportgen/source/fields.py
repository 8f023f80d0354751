"""Field types of the briefing: leaf validators with bare messages (docs/briefing-format.md).

The loader adds the place and the field path to each message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic.functional_validators import PlainValidator
from pydantic.json_schema import WithJsonSchema

from reportgen.errors import shown
from reportgen.source.inline import Text, check_url
from reportgen.source.rules import TEMPLATE_NAME

SCHEMA_VERSION = 1
# A BCP 47 language tag: language, optional script and region (en-GB, sr-Latn-RS, es-419).
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The latest year every output can store: zip entry times (the deck) end in 2107.
LAST_YEAR = 2107


def _score(value: Any) -> int:
    if type(value) is not int or not 1 <= value <= 5:
        raise ValueError(f"must be an integer 1–5, got {shown(value)}")
    return value


def _probability(value: Any) -> float:
    if type(value) not in (int, float) or not 0 <= value <= 1:
        raise ValueError(f"must be a number from 0 to 1, got {shown(value)}")
    return float(value)


def _iso_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(f"must be a date without a time of day (YYYY-MM-DD), got {shown(value)}")
    day: dt.date | None = value if isinstance(value, dt.date) else None
    if isinstance(value, str) and _ISO_DATE.match(value):
        with contextlib.suppress(ValueError):
            day = dt.date.fromisoformat(value)
    if day is None:
        raise ValueError(f"must be an ISO date (YYYY-MM-DD), got {shown(value)}")
    if day.year > LAST_YEAR:
        raise ValueError(
            f"must be a date no later than {LAST_YEAR}-12-31 (the last year a PowerPoint "
            f"file can store), got {day.isoformat()}"
        )
    return day


def _year(value: Any) -> int:
    if type(value) is not int or not 1900 <= value <= 9999:
        raise ValueError(f"must be a year such as 2029, got {shown(value)}")
    return value


def _schema_version(value: Any) -> int:
    if type(value) is not int or value != SCHEMA_VERSION:
        raise ValueError(f"must be {SCHEMA_VERSION}, got {shown(value)}")
    return value


def _edition_path(value: Any) -> str:
    parts = value.replace("\\", "/").split("/") if isinstance(value, str) else []
    if (
        not parts
        or value.startswith(("/", "\\"))
        or ":" in value
        or any(p in ("", ".", "..") for p in parts)
        or not value.endswith((".yaml", ".yml"))
    ):
        raise ValueError(
            "must be a .yaml file in this briefing's folder or below it, such as "
            f"'archive/2026-08.yaml', got {shown(value)}"
        )
    return str(value)


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _template_name(value: Any) -> str:
    if not isinstance(value, str) or not TEMPLATE_NAME.match(value):
        raise ValueError(
            "must be a template name (letters, digits, '-', '_'); "
            f"a path is only accepted from --template, got {shown(value)}"
        )
    return value


def _language(value: Any) -> str:
    if not isinstance(value, str) or not LANGUAGE_TAG.match(value):
        raise ValueError(f"must be a BCP 47 language tag like 'en-GB' or 'ar', got {shown(value)}")
    return value


def _url(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be a link, got {shown(value)}")
    return check_url(value)


Score = Annotated[
    int, PlainValidator(_score), WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 5})
]
Probability = Annotated[
    float,
    PlainValidator(_probability),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 1}),
]
IsoDate = Annotated[
    dt.date, PlainValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})
]
Year = Annotated[int, PlainValidator(_year), WithJsonSchema({"type": "integer"})]
Url = Annotated[
    str, PlainValidator(_url), WithJsonSchema({"type": "string", "pattern": "^(https?:|mailto:)"})
]
TemplateName = Annotated[
    str,
    PlainValidator(_template_name),
    WithJsonSchema({"type": "string", "pattern": TEMPLATE_NAME.pattern}),
]
LanguageTag = Annotated[
    str,
    PlainValidator(_language),
    WithJsonSchema({"type": "string", "pattern": LANGUAGE_TAG.pattern}),
]
EditionPath = Annotated[
    str, PlainValidator(_edition_path), WithJsonSchema({"type": "string", "pattern": r"\.ya?ml$"})
]
SchemaVersion = Annotated[
    int, PlainValidator(_schema_version), WithJsonSchema({"const": SCHEMA_VERSION})
]
TextList = Annotated[
    list[Text],
    BeforeValidator(_one_or_many),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
