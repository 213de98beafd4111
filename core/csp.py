"""The Content-Security-Policy header: django-csp's middleware, with one relaxed policy for the admin.

Public pages get ``CONTENT_SECURITY_POLICY`` (or ``CONTENT_SECURITY_POLICY_REPORT_ONLY`` when
``CSP_REPORT_ONLY`` is set): scripts and styles only from our own origin, nothing inline. Wagtail's
and Django's admin screens still write inline scripts and style attributes, so under
``ADMIN_CSP_PREFIXES`` the same header (same mode) carries ``ADMIN_CSP_DIRECTIVES`` instead. A view
may still choose its own policy with django-csp's decorators (``@csp``, ``@csp_update``); that wins.
"""
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        configured = settings.CONTENT_SECURITY_POLICY_REPORT_ONLY if report_only else settings.CONTENT_SECURITY_POLICY
        if configured and parts.config is None and request.path_info.startswith(settings.ADMIN_CSP_PREFIXES):
            parts.config = default_config(settings.ADMIN_CSP_DIRECTIVES)
        return parts
