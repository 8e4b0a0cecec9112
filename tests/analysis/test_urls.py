"""Server URL templates and clear-text detection."""

from __future__ import annotations

import pytest

from apilint.analysis.urls import clear_text, is_loopback, server_urls


def test_server_urls_expand_defaults_and_each_enum_value() -> None:
    server = {
        "url": "{scheme}://{region}.api.example.com/{basePath}",
        "variables": {
            "scheme": {"default": "https", "enum": ["https", "http"]},
            "region": {"default": "eu", "enum": ["eu", "us"]},
            "basePath": {"default": "v2"},
        },
    }
    assert server_urls(server) == [
        "https://eu.api.example.com/v2",
        "http://eu.api.example.com/v2",
        "https://us.api.example.com/v2",
    ]


def test_server_urls_keep_undeclared_variables_and_skip_non_strings() -> None:
    assert server_urls({"url": "https://{tenant}.example.com"}) == ["https://{tenant}.example.com"]
    assert server_urls({"url": 42}) == []


@pytest.mark.parametrize(
    ("url", "allow", "expected"),
    [
        ("http://api.example.com", True, True),
        ("HTTP://api.example.com", True, True),
        ("ws://stream.example.com", True, True),
        ("https://api.example.com", True, False),
        ("wss://stream.example.com", True, False),
        ("/v1", True, False),  # relative: inherits the scheme the spec is served with
        ("http://localhost:8080", True, False),
        ("http://localhost:8080", False, True),
        ("http://127.0.0.2/api", True, False),
        ("http://[::1]:3000", True, False),
        ("http://dev.localhost", True, False),
        ("http://localhost.example.com", True, True),
        ("http://[broken", True, False),  # not a URL at all: left to url-valid
    ],
)
def test_clear_text(url: str, allow: bool, expected: bool) -> None:
    assert clear_text(url, allow) is expected


def test_loopback() -> None:
    assert is_loopback("LOCALHOST")
    assert is_loopback("127.0.0.1")
    assert not is_loopback("10.0.0.1")
    assert not is_loopback(None)
