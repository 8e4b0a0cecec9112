"""What some rules say, beyond where they fire: suggestions a user copies must be right."""

from __future__ import annotations

import apilint


def _messages(rule_id: str, paths: list[str]) -> list[str]:
    ok = {"get": {"responses": {"200": {"description": "ok"}}}}
    spec = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}}
    spec["paths"] = {path: ok for path in paths}
    report = apilint.lint_document(spec, {"extends": [], "rules": {rule_id: "warn"}})
    return [f.message for f in report.findings]


def test_a_plural_suggestion_keeps_the_name_s_casing() -> None:
    assert _messages(
        "path-collection-plural",
        ["/v1/MessagingService/{ServiceSid}", "/userAccount/{accountId}"],
    ) == [
        "collection 'MessagingService' in /v1/MessagingService/{ServiceSid} is not plural "
        "(expected 'MessagingServices')",
        "collection 'userAccount' in /userAccount/{accountId} is not plural "
        "(expected 'userAccounts')",
    ]
