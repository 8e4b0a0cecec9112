"""Consistency across APIs: each built-in check's observations on small specs, the fleet's
judgement on hand-made observations, and checks an organisation adds (plugins)."""

from __future__ import annotations

from pathlib import Path

import pytest

from apilint.fleet.checks import auth, errors, formats, naming, pagination, versioning
from apilint.fleet.consistency import (
    ConsistencyCheck,
    all_checks,
    choose,
    consistency_check,
    judge,
    observe_all,
)
from apilint.lint.engine import load_document
from apilint.lint.registry import PluginError
from apilint.model.document import Document

FIXTURES = Path(__file__).parent / "fixtures" / "consistency"


def _doc(name: str) -> Document:
    return load_document(FIXTURES / name)[0]


# -- the built-in checks ---------------------------------------------------------------------------


def test_pagination_style_and_the_parameters_half_the_operations_take() -> None:
    # a page token wins over a page number; a date `after` is a filter (/audits is not
    # paginated); `limit` alone is no page
    assert pagination.pagination.observe(_doc("pagination_cursor.yaml")) == {
        "style": "cursor",
        "cursor parameters": "cursor/limit",
    }


def test_pagination_mixed_styles_have_no_parameters_aspect() -> None:
    # a boolean `page` is no page number (2.0 parameters carry their own type)
    assert pagination.pagination.observe(_doc("pagination_mixed.yaml")) == {
        "style": "mixed (offset, page number)"
    }


def test_no_paginated_operation_no_pagination_aspect() -> None:
    assert pagination.pagination.observe(_doc("auth.yaml")) == {}


def test_naming_styles_per_location_from_names_of_two_words() -> None:
    assert naming.naming.observe(_doc("naming.yaml")) == {
        "path segments": "kebab-case",  # v2 and openapi.json are no names
        "query parameters": "snake_case",  # status tells nothing
        "headers": "Header-Case",
        "properties": "camelCase",  # 3 of 4; _links and id left out
        "operationIds": "camelCase",  # 2 of 3 is two in three
    }


def test_naming_style_of_few_or_mixed_names() -> None:
    assert naming.style_of(["user_id"]) is None
    assert naming.style_of(["id", "name", "p2p", "e2e"]) is None
    assert naming.style_of(["user_id", "userName", "user-role"]) == (
        "mixed (camelCase, kebab-case, snake_case)"
    )


def test_error_responses_wrapped_object_allof_merged() -> None:
    # 400, 500 and POST's default share the wrapped shape; 4XX has another; 401 (no body),
    # 429 (a rate limiter's) and 415 (not JSON) tell nothing
    assert errors.error_responses.observe(_doc("errors_wrapped.yaml")) == {
        "body shape": "{error: {code, message}}"
    }


def test_error_responses_problem_json_and_no_schema() -> None:
    assert errors.error_responses.observe(_doc("errors_problem.yaml")) == {
        "body shape": "problem+json"
    }
    # a lone `default` is the only response, not an error one
    assert errors.error_responses.observe(_doc("errors_none.yaml")) == {"body shape": "no schema"}


def test_error_responses_none_no_aspect() -> None:
    assert errors.error_responses.observe(_doc("naming.yaml")) == {}


def test_auth_required_schemes_only() -> None:
    assert auth.authentication.observe(_doc("auth.yaml")) == {
        "schemes": "apiKey in header + http bearer + oauth2"  # `unused` is not required
    }


def test_auth_declared_schemes_when_none_is_required() -> None:
    assert auth.authentication.observe(_doc("auth_declared.yaml")) == {
        "schemes": "apiKey in query + http basic"
    }
    assert auth.authentication.observe(_doc("auth_none.yaml")) == {"schemes": "none"}


def test_versioning_places() -> None:
    # both servers (one through its variable's default); Api-Version on 2 of 3 operations;
    # X-Client-Version is a client's
    assert versioning.versioning.observe(_doc("auth.yaml")) == {
        "version location": "server URL + header"
    }
    assert versioning.versioning.observe(_doc("auth_declared.yaml")) == {
        "version location": "server URL + query parameter + media type"
    }
    # X-Client-Version on 2 of 3 operations is a client's version
    assert versioning.versioning.observe(_doc("auth_none.yaml")) == {
        "version location": "path segment"
    }
    assert versioning.versioning.observe(_doc("naming.yaml")) == {"version location": "none"}


def test_version_segments() -> None:
    found = [
        path
        for path in ("/v2/users", "/api/2.0", "/2010-04-01/Accounts", "/v1beta1/x", "/users/me")
        if versioning.has_version_segment(path)
    ]
    assert found == ["/v2/users", "/api/2.0", "/2010-04-01/Accounts", "/v1beta1/x"]


def test_formats_date_times_and_identifiers() -> None:
    assert formats.formats.observe(_doc("formats.yaml")) == {
        # created_at and updated_at (dateTime); expires_at; occurredAt. starts_at is a date,
        # a bare `created` may be a count
        "date-time": "mixed (date-time string, string without format, unix timestamp)",
        # event_id and id (uuid), user_id ($ref to an integer); `ids` is a list
        "identifiers": "uuid",
    }


def test_formats_one_value_is_not_enough() -> None:
    assert formats.formats.observe(_doc("auth_none.yaml")) == {}


# -- choices, observing, judging -------------------------------------------------------------------


def test_choose_two_in_three_or_mixed() -> None:
    assert choose({"a": 2, "b": 1}) == "a"
    assert choose({"b": 1, "a": 1}) == "mixed (a, b)"
    assert choose({"d": 1, "c": 1, "b": 2, "a": 1}) == "mixed (b, a, c, ...)"
    assert choose({"a": 0}) is None


def _check(check_id: str, concern: str) -> ConsistencyCheck:
    return ConsistencyCheck(check_id, concern, "Compares.", lambda doc: {})


PAGINATION = _check("pagination", "pagination")
NAMING = _check("naming", "naming style")


def _observations(aspect: str, choices: dict[str, str]) -> dict[str, dict[str, dict[str, str]]]:
    return {api: {"pagination": {aspect: choice}} for api, choice in choices.items()}


def test_judge_names_the_majority_and_who_differs() -> None:
    observations = _observations(
        "style",
        {
            "orders": "offset",
            "billing": "page number",
            "users": "offset",
            "search": "cursor",
            "stock": "offset",
            "audit": "page number",
            "tax": "offset",
            "ledger": "offset",
        },
    )
    (finding,) = judge(observations, [PAGINATION])
    assert finding.message == (
        "pagination (style): 5 of 8 APIs use offset; audit and billing use page number,"
        " search uses cursor"
    )
    assert (finding.check, finding.concern, finding.aspect) == ("pagination", "pagination", "style")
    assert finding.majority == "offset"
    assert finding.following == ("ledger", "orders", "stock", "tax", "users")
    assert finding.differing == {
        "audit": "page number",
        "billing": "page number",
        "search": "cursor",
    }


@pytest.mark.parametrize(
    "choices",
    [
        {"a": "offset", "b": "offset", "c": "cursor", "d": "cursor"},  # a tie
        {"a": "offset", "b": "offset", "c": "cursor", "d": "page number"},  # half is no majority
        {"a": "offset", "b": "cursor"},  # fewer than 3 APIs
        {"a": "offset", "b": "offset", "c": "offset"},  # nobody differs
        {"a": "offset", "b": "mixed (offset, cursor)", "c": "mixed (offset, cursor)"},
    ],
)
def test_judge_no_standard_no_finding(choices: dict[str, str]) -> None:
    assert judge(_observations("style", choices), [PAGINATION]) == ()


def test_judge_a_mixed_api_differs_and_many_apis_are_counted() -> None:
    choices = {f"api{n:02}": "cursor" for n in range(10)}
    choices.update({f"old{n}": "offset" for n in range(7)})
    choices["hybrid"] = "mixed (cursor, offset)"
    (finding,) = judge(_observations("style", choices), [PAGINATION])
    assert finding.message == (
        "pagination (style): 10 of 18 APIs use cursor; old0, old1, old2, old3, old4 and 2 more"
        " use offset, hybrid uses mixed (cursor, offset)"
    )


def test_judge_order_and_aspect_named_as_its_concern() -> None:
    observations = {
        api: {
            "naming": {"properties": style, "headers": "Header-Case"},
            "pagination": {"pagination": page},
            "unknown-check": {"x": "y"},
        }
        for api, style, page in (
            ("a", "camelCase", "cursor"),
            ("b", "camelCase", "cursor"),
            ("c", "snake_case", "offset"),
        )
    }
    found = judge(observations, [PAGINATION, NAMING])
    assert [finding.message for finding in found] == [
        "naming style (properties): 2 of 3 APIs use camelCase; c uses snake_case",
        "pagination: 2 of 3 APIs use cursor; c uses offset",
    ]


def test_observe_all_leaves_out_a_check_that_fails_and_says_why() -> None:
    @consistency_check("broken", concern="broken things")
    def broken(doc: Document) -> dict[str, str]:
        """Fails on every spec."""
        raise KeyError("servers")

    @consistency_check("wrong-type", concern="wrong things")
    def wrong(doc: Document) -> dict[str, str]:
        """Returns a number as a choice."""
        return {"aspect": 3}  # type: ignore[dict-item]

    failures: list[str] = []
    found = observe_all(
        _doc("auth.yaml"), [broken, wrong, auth.authentication, pagination.pagination], failures
    )
    # a check that observed nothing is left out too
    assert found == {"auth": {"schemes": "apiKey in header + http bearer + oauth2"}}
    assert failures == [
        "broken: KeyError: 'servers'",
        "wrong-type: TypeError: observe returned {'aspect': 3}, not a mapping of aspect to choice",
    ]


def test_declaring_a_check_needs_an_id_a_concern_and_a_docstring() -> None:
    def observe(doc: Document) -> dict[str, str]:
        return {}

    with pytest.raises(ValueError, match="consistency check id 'Bad_Id' must be kebab-case"):
        consistency_check("Bad_Id", concern="x")(observe)
    with pytest.raises(ValueError, match="consistency check 'ok' needs a concern"):
        consistency_check("ok", concern=" ")(observe)
    with pytest.raises(ValueError, match="consistency check 'ok' needs a docstring"):
        consistency_check("ok", concern="x")(observe)


# -- the registry ----------------------------------------------------------------------------------


def test_built_in_checks_come_from_the_entry_points() -> None:
    found = all_checks()
    assert [check.id for check in found] == [
        "auth",
        "error-responses",
        "formats",
        "naming",
        "pagination",
        "versioning",
    ]
    assert found[0].concern == "authentication"
    assert found[0].description.startswith("Compares the kinds of security scheme in use")


PLUGIN = '''
from apilint.fleet.consistency import consistency_check


@consistency_check("contact", concern="contact")
def contact(doc):
    """Compares how an API says who to contact."""
    info = doc.info.value if doc.info else {}
    return {"contact": "email" if "email" in info.get("contact", {}) else "none"}
'''


def test_a_plugin_check_from_a_py_path(tmp_path: Path) -> None:
    plugin = tmp_path / "acme_checks.py"
    plugin.write_text(PLUGIN, encoding="utf-8")
    found = all_checks((str(plugin),))
    assert [check.id for check in found][:3] == ["auth", "contact", "error-responses"]
    observed = observe_all(_doc("auth.yaml"), found)
    assert observed["contact"] == {"contact": "none"}
    # named twice (config plugins and an entry point, say): one check, no clash
    assert len(all_checks((str(plugin), str(plugin)))) == len(found)


def test_a_plugin_check_with_a_taken_id(tmp_path: Path) -> None:
    plugin = tmp_path / "clash.py"
    plugin.write_text(PLUGIN.replace('"contact", concern', '"naming", concern'), encoding="utf-8")
    with pytest.raises(
        PluginError,
        match=r"^consistency check id 'naming' is defined twice "
        r"\(apilint.fleet.checks.naming and apilint_plugin_clash_[0-9a-f]{12}\)$",
    ):
        all_checks((str(plugin),))


def test_a_plugin_that_cannot_be_loaded() -> None:
    with pytest.raises(
        PluginError,
        match=r"^cannot load consistency check plugin 'no_such_apilint_checks': "
        r"No module named 'no_such_apilint_checks'$",
    ):
        all_checks(("no_such_apilint_checks",))
