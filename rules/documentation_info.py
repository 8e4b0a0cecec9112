"""Documentation rules for the ``info`` object: title, description, version, contact, license and
terms of service, and ``url-valid`` for the documentation links (``externalDocs``, contact,
license) and the contact email.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from apilint.analysis.coverage import documented
from apilint.rule import Document, Findings, Item, rule

from ._common import _blank

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def absolute_url(value: Any) -> bool:
    """Whether a value is a well-formed absolute http(s) URL (no network is used)."""
    if not isinstance(value, str) or any(char.isspace() for char in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@rule(
    "info-title",
    area="documentation",
    severity="warn",
    summary="info has a title.",
)
def info_title(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.title`` must be present and not a placeholder.

    Why: the title names the API in every catalogue, portal and generated SDK.

    Example:
        bad:
            info:
              version: 1.0.0
              description: Card payments and refunds.
        good:
            info:
              title: Payments
              version: 1.0.0
    """
    info = doc.info
    if info is not None and _blank(info.value.get("title")):
        yield info.loc, "info has no title"


@rule(
    "info-description",
    area="documentation",
    severity="warn",
    summary="info has a description.",
)
def info_description(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.description`` must be present and not blank.

    Why: it is the landing page of the API's documentation: what the API is for, who may use
    it and how to start.

    Example:
        bad:
            info:
              title: Shipping
              version: 3.2.1
              contact:
                name: Logistics team
        good:
            info:
              title: Shipping
              version: 3.2.1
              description: |
                Create shipments, print labels and track parcels.
                Every request needs an API key from the partner portal.
              contact:
                name: Logistics team
    """
    info = doc.info
    if info is not None and _blank(info.value.get("description")):
        yield info.loc, "info has no description"


@rule(
    "info-version",
    area="documentation",
    severity="warn",
    summary="info has a version.",
)
def info_version(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.version`` must be present and not blank (its format is ``info-version-format``'s
    business).

    Why: consumers need to know which version of the contract they read.

    Example:
        bad:
            info:
              title: Payments
              description: Card payments and refunds.
        good:
            info:
              title: Payments
              version: 2024-06-01
    """
    info = doc.info
    if info is None:
        return
    version = info.value.get("version")
    if version is None or (isinstance(version, str) and not version.strip()):
        yield info.loc, "info has no version"


@rule(
    "info-contact",
    area="documentation",
    severity="warn",
    summary="info has a contact with a name, an email or a URL.",
)
def info_contact(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.contact`` must be present and give at least a name, an email or a URL.

    Why: consumers with a question or an incident need to know who owns the API.

    Example:
        bad:
            info:
              title: Payments
              version: 1.0.0
              description: Card payments and refunds.
              license:
                name: Apache 2.0
        good:
            info:
              title: Payments
              version: 1.0.0
              description: Card payments and refunds.
              contact:
                email: payments-team@example.com
    """
    info = doc.info
    if info is None:
        return
    contact = info.value.get("contact")
    if not isinstance(contact, dict):
        yield info.loc, "info has no contact"
    elif all(_blank(contact.get(key)) for key in ("name", "email", "url")):
        yield info.loc.child("contact"), "info.contact has no name, email or url"


@rule(
    "info-license",
    area="documentation",
    severity="warn",
    summary="info has a license with an SPDX identifier or a URL.",
)
def info_license(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.license`` must be present and say which license: an SPDX ``identifier`` (3.1) or
    a ``url``. The URL must be a well-formed absolute URL.

    Why: consumers, and their lawyers, need to know under which terms they may use the API and
    its description.

    Example:
        bad:
            info:
              title: Payments
              version: 1.0.0
              contact:
                email: payments@example.com
        good:
            info:
              title: Payments
              version: 1.0.0
              license:
                name: Apache 2.0
                url: https://www.apache.org/licenses/LICENSE-2.0.html
    """
    info = doc.info
    if info is None:
        return
    license_ = info.value.get("license")
    if not isinstance(license_, dict):
        yield info.loc, "info has no license"
        return
    where = info.loc.child("license")
    identifier, url = license_.get("identifier"), license_.get("url")
    if not documented(identifier) and url is None:
        yield where, "license has neither an SPDX identifier nor a url"
    elif url is not None and not absolute_url(url):
        yield where.child("url"), f"license url '{url}' is not an absolute http(s) URL"


@rule(
    "info-terms-of-service",
    area="documentation",
    severity="info",
    summary="info links the terms of service.",
    recommended=False,
)
def info_terms_of_service(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``info.termsOfService`` must be present and a well-formed absolute URL. Off in
    ``recommended``: internal APIs often have no terms of their own.

    Why: a public API's consumers must be able to find the terms they agree to.

    Example:
        bad:
            info:
              title: Payments
              version: 1.0.0
        good:
            info:
              title: Payments
              version: 1.0.0
              termsOfService: https://example.com/legal/api-terms
    """
    info = doc.info
    if info is None:
        return
    terms = info.value.get("termsOfService")
    if terms is None:
        yield info.loc, "info has no termsOfService"
    elif not absolute_url(terms):
        yield info.loc.child("termsOfService"), f"termsOfService '{terms}' is not an absolute URL"


@rule(
    "url-valid",
    area="documentation",
    severity="warn",
    summary="Documentation links (externalDocs, contact, license) are absolute URLs.",
)
def url_valid(doc: Document, options: Mapping[str, Any]) -> Findings:
    """``externalDocs.url`` (of the document, of operations, of tags and of schemas),
    ``info.contact.url`` and ``info.license.url`` must be well-formed absolute http(s) URLs, and
    ``info.contact.email`` a well-formed email address. Nothing is fetched.

    Why: a relative or malformed link is dead in every portal that renders the spec.

    Example:
        bad:
            info:
              contact:
                url: wiki.example.com/teams/payments
        good:
            info:
              contact:
                url: https://wiki.example.com/teams/payments
    """
    holders: list[Item] = [doc.root_item]
    holders.extend(doc.operations)
    holders.extend(doc.tags)
    holders.extend(doc.schemas)
    for holder in holders:
        docs = holder.value.get("externalDocs") if isinstance(holder.value, dict) else None
        if isinstance(docs, dict) and "url" in docs and not absolute_url(docs["url"]):
            yield (
                holder.loc.child("externalDocs", "url"),
                f"externalDocs url '{docs['url']}' is not an absolute URL",
            )
    info = doc.info
    if info is None:
        return
    contact = info.value.get("contact")
    if isinstance(contact, dict):
        if "url" in contact and not absolute_url(contact["url"]):
            yield (
                info.loc.child("contact", "url"),
                f"contact url '{contact['url']}' is not an absolute URL",
            )
        email = contact.get("email")
        if email is not None and not (isinstance(email, str) and _EMAIL.match(email)):
            yield (
                info.loc.child("contact", "email"),
                f"contact email '{email}' is not an email address",
            )
    license_ = info.value.get("license")
    if isinstance(license_, dict) and "url" in license_ and not absolute_url(license_["url"]):
        yield (
            info.loc.child("license", "url"),
            f"license url '{license_['url']}' is not an absolute URL",
        )
