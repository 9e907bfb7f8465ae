"""Security headers on every response, set in one place.

The Content-Security-Policy allows scripts only from this site's own files: no inline
`<script>` blocks and no `on…=` attributes (behaviour hangs on data attributes, read by
`static/sicrm.js`), so an inline handler that comes back fails loudly in the browser and
in the suite. Styles keep `'unsafe-inline'` for the `style="…"` attributes Bootstrap's
markup and a few templates use; no script can run from them.
"""
from __future__ import annotations

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def set_security_headers(response):
    """after_request: a response that sets one of these itself keeps its own value."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
