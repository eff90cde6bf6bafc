"""robots.txt for page fetches (RFC 9309), cached per site.

A 2xx robots.txt is obeyed (and its Crawl-delay slows our requests to that host); a 4xx
means no rules (everything allowed); a 5xx or an unreachable server means "not now": the
page is left for a later poll. Feeds themselves are fetched because the user asked for
them by URL."""

from __future__ import annotations

import time
from collections import OrderedDict
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from dateline.errors import Code, FetchError
from dateline.watch.http import Fetcher

DAY = 24 * 3600.0


class Robots:
    """``allowed(url)`` answers True or False, or raises a transient FetchError when the
    site's robots.txt cannot be had right now. Holds at most ``max_sites`` sites."""

    def __init__(self, fetcher: Fetcher, *, ttl: float = DAY, max_sites: int = 512) -> None:
        self.fetcher = fetcher
        self.ttl = ttl
        self.max_sites = max_sites
        self._sites: OrderedDict[str, tuple[float, RobotFileParser | None]] = OrderedDict()

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        site = urlunsplit((parts.scheme, parts.netloc.lower(), "", "", ""))
        rules = self._rules(site, parts.hostname or "")
        return True if rules is None else rules.can_fetch(self.fetcher.user_agent, url)

    def _rules(self, site: str, host: str) -> RobotFileParser | None:
        cached = self._sites.get(site)
        now = time.monotonic()
        if cached is not None and cached[0] > now:
            self._sites.move_to_end(site)
            return cached[1]
        robots_url = site + "/robots.txt"
        rules: RobotFileParser | None
        try:
            response = self.fetcher.get(robots_url, accept="text/plain, */*;q=0.1")
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                rules = None  # no robots.txt: no rules
            else:
                raise FetchError(
                    Code.E016,
                    f"robots.txt unavailable ({exc.detail}); the page is left for later",
                    path=robots_url,
                    status=exc.status,
                ) from exc
        else:
            rules = RobotFileParser(robots_url)
            text = response.body.decode("utf-8", errors="replace")
            rules.parse(text.splitlines())
            delay = rules.crawl_delay(self.fetcher.user_agent)
            if delay:
                self.fetcher.limiter.set_delay(host.lower(), float(delay))
        self._sites[site] = (now + self.ttl, rules)
        self._sites.move_to_end(site)
        while len(self._sites) > self.max_sites:
            self._sites.popitem(last=False)
        return rules
