"""Web addresses: only http(s), one spelling per address, and which hosts are one site."""

from __future__ import annotations

import ipaddress
from functools import cache

import httpx
from publicsuffixlist import PublicSuffixList

from index.errors import ConfigError

SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise(url: str, base: str | None = None) -> str | None:
    """``url`` (resolved against ``base``) spelled one way: lower-case scheme and host, no
    default port, no fragment; None for anything but an http(s) address with a host."""
    try:
        parsed = httpx.URL(base).join(url.strip()) if base else httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError):
        return None
    if parsed.scheme not in SCHEMES or not parsed.host:
        return None
    port = None if parsed.port == _DEFAULT_PORTS[parsed.scheme] else parsed.port
    return str(parsed.copy_with(port=port, fragment=None, path=parsed.path or "/"))


def checked(url: str) -> str:
    """A URL given by the user, normalised, or a ConfigError saying why it cannot be fetched."""
    found = normalise(url)
    if found is None:
        raise ConfigError(
            f"cannot fetch {url!r}: only http:// and https:// addresses with a host are fetched"
        )
    return found


def host_of(url: str) -> str:
    return httpx.URL(url).host


def origin_of(url: str) -> str:
    """scheme://host[:port] of a normalised URL."""
    parsed = httpx.URL(url)
    return str(parsed.copy_with(path="/", query=None, fragment=None)).rstrip("/")


def path_of(url: str) -> str:
    return httpx.URL(url).path


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()  # the list ships inside the package: nothing is downloaded


def site_of(url: str) -> str:
    """The registrable domain of the URL's host (its "site", as browsers count sites):
    justiceinspectorates.gov.uk for hmicfrs.justiceinspectorates.gov.uk. An IP address or
    a bare name (localhost) is its own site."""
    host = host_of(url).lower()
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return _suffixes().privatesuffix(host) or host
    return host


def same_site(url: str, other: str) -> bool:
    """Both hosts in one registrable domain: hmicfrs.justiceinspectorates.gov.uk and
    www.justiceinspectorates.gov.uk are one site, www.gov.uk another."""
    return site_of(url) == site_of(other)


def looks_like_pdf(url: str) -> bool:
    return path_of(url).lower().endswith(".pdf")
