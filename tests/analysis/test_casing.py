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
            "property 'user_name' is snake_case; 3 of 4 property names in this spec are camelCase "
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


def test_consistent_policy_counts_each_name_once_and_skips_protocol_names() -> None:
    names = list(enumerate(["userId", "userId", "userId", "user_name", "user_name", "@odata.type"]))
    policy = Policy("consistent")
    # one camelCase name against one snake_case name: no style has two in three names
    assert list(policy.check("property", names)) == []


def test_consistent_policy_without_a_majority_reports_nothing() -> None:
    names = list(enumerate(["startTime", "hostEmail", "end_time", "join_url"]))
    assert list(Policy("consistent").check("property", names)) == []


def test_a_second_style_is_one_message_for_all_its_names() -> None:
    camel = ["orderId", "createdAt", "totalAmount", "dueDate", "lineItems", "taxRate", "unitPrice"]
    snake = ["ship_to", "bill_to", "paid_at"]
    names = list(enumerate(camel + snake))
    found = list(Policy("consistent").check("property", names))
    message = (
        "3 property names are snake_case where 7 of 10 in this spec are camelCase "
        "(e.g. 'ship_to': expected 'shipTo')"
    )
    assert found == [(7, message), (8, message), (9, message)]


def test_leading_underscores_are_markers_not_style() -> None:
    names = list(enumerate(["_id", "_links", "createdAt", "updatedAt", "created_by"]))
    assert list(Policy("consistent").check("property", names)) == [
        (
            4,
            "property 'created_by' is snake_case; 4 of 5 property names in this spec are "
            "camelCase (expected 'createdBy')",
        )
    ]


def test_case_only_policy_never_changes_other_characters() -> None:
    assert casing.recase("x-amzn-RequestId", "header") == "X-Amzn-RequestId"
    assert casing.recase("X-Request-Id", "kebab") == "x-request-id"
    assert casing.recase("X_Trace_Id", "header") is None
    names = [(0, "x-amzn-RequestId"), (1, "X_Trace_Id")]
    assert list(Policy("header", case_only=True).check("header", names)) == [
        (0, "header 'x-amzn-RequestId' is not Header-Case (expected 'X-Amzn-RequestId')"),
        (1, "header 'X_Trace_Id' is not Header-Case (not possible by a change of letter case)"),
    ]


def test_plural_acronyms_are_one_word() -> None:
    assert casing.convert("IDs", "camel") == "ids"
    assert casing.words("APIsList") == ["APIs", "List"]
