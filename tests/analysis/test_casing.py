"""The casing engine: styles, conversion (property-based), dominant style, policies."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apilint.analysis import casing
from apilint.analysis.casing import Policy

# Words as people write them in names: two or more letters, maybe a version number after them.
WORD = st.from_regex(r"[a-z]{2,8}[0-9]{0,2}", fullmatch=True)
WORDS = st.lists(WORD, min_size=1, max_size=4)
STYLES = sorted(casing.STYLES)
SPLITTING = [s for s in STYLES if s != "flat"]  # flatcase keeps no word boundaries


def _write(words: list[str], style: str) -> str:
    return casing.convert("_".join(words), style)


@given(WORDS, st.sampled_from(STYLES))
def test_a_converted_name_is_in_its_style_and_converting_again_changes_nothing(
    words: list[str], style: str
) -> None:
    name = _write(words, style)
    assert casing.matches(name, style), name
    assert casing.convert(name, style) == name


@given(WORDS, st.sampled_from(SPLITTING), st.sampled_from(STYLES))
def test_converting_through_any_style_and_back_is_stable(
    words: list[str], middle: str, target: str
) -> None:
    direct = _write(words, target)
    assert casing.convert(_write(words, middle), target) == direct


@pytest.mark.parametrize(
    ("name", "style", "expected"),
    [
        ("HTTPServer", "kebab", "http-server"),
        ("userID", "kebab", "user-id"),
        ("userID", "camel", "userId"),
        ("user_id", "camel", "userId"),
        ("oauth2Token", "snake", "oauth2_token"),
        ("oauth2Token", "kebab", "oauth2-token"),
        ("v2", "pascal", "V2"),
        ("x-request-id", "header", "X-Request-Id"),
        ("getHTTPResponseCode", "macro", "GET_HTTP_RESPONSE_CODE"),
        ("Order Items", "kebab", "order-items"),
    ],
)
def test_acronyms_digits_and_separators_convert_predictably(
    name: str, style: str, expected: str
) -> None:
    assert casing.convert(name, style) == expected


@pytest.mark.parametrize(
    ("name", "styles"),
    [
        ("id", ["camel", "snake", "kebab", "flat"]),
        ("userId", ["camel"]),
        ("user_id", ["snake"]),
        ("Content-Type", ["header"]),
        ("ORDER_STATUS", ["macro"]),
        ("ETag", ["pascal", "header"]),
        ("user-ID", []),
    ],
)
def test_styles_of_a_name(name: str, styles: list[str]) -> None:
    assert casing.styles_of(name) == styles


def test_dominant_style_is_decided_by_names_with_more_than_one_word() -> None:
    names = ["id", "name", "userId", "createdAt", "user_id"]
    assert casing.dominant(names) == ("camel", 4)
    assert casing.dominant(["id", "name"]) == ("camel", 2)  # ambiguous: priority decides
    assert casing.dominant([]) == (None, 0)


def test_consistent_policy_reports_outliers_with_the_dominant_style_and_count() -> None:
    names = [(i, n) for i, n in enumerate(["userId", "createdAt", "orderId", "user_name"])]
    policy = Policy("consistent")
    assert list(policy.check("property", names)) == [
        (
            3,
            "property 'user_name' is snake_case; 3 of 4 properties here are camelCase "
            "(expected 'userName')",
        )
    ]


def test_pattern_digits_and_allow_list() -> None:
    names = [(0, "v2Users"), (1, "legacy_name"), (2, "orders")]
    assert list(Policy("camel", allow=frozenset({"legacy_name"})).check("segment", names)) == []
    assert list(Policy("camel", allow_digits=False).check("segment", names)) == [
        (0, "segment 'v2Users' contains digits"),
        (1, "segment 'legacy_name' is not camelCase (expected 'legacyName')"),
    ]
    assert list(Policy("camel", pattern="^[a-z]+$").check("segment", names)) == [
        (0, "segment 'v2Users' does not match the pattern ^[a-z]+$"),
        (1, "segment 'legacy_name' does not match the pattern ^[a-z]+$"),
    ]
