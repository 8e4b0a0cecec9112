"""Spec-wide changes: the servers clients call, and the security schemes they authenticate
with."""

from __future__ import annotations

from typing import Any

from apilint.analysis.urls import server_urls
from apilint.changes.model import Recorder
from apilint.model.document import Document
from apilint.source.locations import Location


def _servers(doc: Document) -> dict[str, Location]:
    """Each base URL of the top-level servers (2.0: schemes, host and basePath) and where it
    is written; variables take their default."""
    found: dict[str, Location] = {}
    data = doc.data
    if doc.is_swagger:
        host, base = data.get("host"), data.get("basePath", "")
        if isinstance(host, str):
            schemes = data.get("schemes") if isinstance(data.get("schemes"), list) else ["https"]
            for scheme in schemes:
                found.setdefault(f"{scheme}://{host}{base}".rstrip("/"), doc.root.child("host"))
        return found
    for item in doc.elements(doc.child(doc.root_item, "servers")):
        if isinstance(item.value, dict):
            for url in server_urls(item.value)[:1]:
                found.setdefault(url.rstrip("/"), item.loc)
    return found


def _servers_at(doc: Document) -> Location:
    return doc.root.child("host" if doc.is_swagger else "servers")


def compare_servers(old: Document, new: Document, recorder: Recorder) -> None:
    old_urls, new_urls = _servers(old), _servers(new)
    if not old_urls or not new_urls:
        return  # no servers is "relative to where the spec is served": nothing to compare
    old_holder, new_holder = _servers_at(old), _servers_at(new)
    for url, loc in old_urls.items():
        if url not in new_urls:
            recorder.emit("server-removed", f"server {url} removed", loc, new_holder)
    for url, loc in new_urls.items():
        if url not in old_urls:
            recorder.emit("server-added", f"server {url} added", old_holder, loc)


def _flows(scheme: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """OAuth2 flows by name (a 2.0 scheme has one, named by ``flow``)."""
    flows = scheme.get("flows")
    if isinstance(flows, dict):
        return {str(k): v for k, v in flows.items() if isinstance(v, dict)}
    if isinstance(scheme.get("flow"), str):
        return {scheme["flow"]: scheme}
    return {}


def compare_security_schemes(old: Document, new: Document, recorder: Recorder) -> None:
    new_schemes = new.security_schemes
    section = new.component_section("securitySchemes")
    new_holder = section.loc if section is not None else new.root
    for name, old_scheme in old.security_schemes.items():
        found = new_schemes.get(name)
        if found is None:
            recorder.emit(
                "security-scheme-removed",
                f"security scheme '{name}' removed",
                old_scheme.loc,
                new_holder,
            )
            continue
        before, after = old_scheme.value, found.value
        if not (isinstance(before, dict) and isinstance(after, dict)):
            continue
        if before.get("type") != after.get("type"):
            message = (
                f"security scheme '{name}' changed type"
                f" from {before.get('type')} to {after.get('type')}"
            )
            recorder.emit(
                "security-scheme-type-changed",
                message,
                old_scheme.loc.child("type"),
                found.loc.child("type"),
            )
            continue
        for key in ("in", "name", "scheme"):
            if str(before.get(key, "")).lower() != str(after.get(key, "")).lower():
                message = (
                    f"security scheme '{name}' changed {key}"
                    f" from {before.get(key)} to {after.get(key)}"
                )
                recorder.emit(
                    "security-scheme-changed",
                    message,
                    old_scheme.loc.child(key),
                    found.loc.child(key),
                )
        _compare_flows(name, old_scheme.loc, found.loc, before, after, recorder)


def _compare_flows(
    name: str,
    old_at: Location,
    new_at: Location,
    before: dict[str, Any],
    after: dict[str, Any],
    recorder: Recorder,
) -> None:
    old_flows, new_flows = _flows(before), _flows(after)
    flows_key = "flows" if "flows" in after else ""
    for flow, old_flow in old_flows.items():
        new_flow = new_flows.get(flow)
        old_flow_at = old_at.child("flows", flow) if "flows" in before else old_at
        new_flow_at = new_at.child(flows_key, flow) if flows_key else new_at
        if new_flow is None:
            recorder.emit(
                "security-scheme-flow-removed",
                f"security scheme '{name}': {flow} flow removed",
                old_flow_at,
                new_at.child(flows_key) if flows_key else new_at,
            )
            continue
        for key in ("authorizationUrl", "tokenUrl", "deviceAuthorizationUrl"):
            if key in old_flow and old_flow.get(key) != new_flow.get(key):
                message = (
                    f"security scheme '{name}': {flow} {key} changed"
                    f" from {old_flow.get(key)} to {new_flow.get(key)}"
                )
                recorder.emit(
                    "security-scheme-url-changed",
                    message,
                    old_flow_at.child(key),
                    new_flow_at.child(key),
                )
        old_scopes, new_scopes = old_flow.get("scopes"), new_flow.get("scopes")
        if isinstance(old_scopes, dict):
            for scope in old_scopes:
                if not isinstance(new_scopes, dict) or scope not in new_scopes:
                    message = (
                        f"security scheme '{name}': scope '{scope}' removed from the {flow} flow"
                    )
                    recorder.emit(
                        "security-scheme-scope-removed",
                        message,
                        old_flow_at.child("scopes", scope),
                        new_flow_at.child("scopes"),
                    )
