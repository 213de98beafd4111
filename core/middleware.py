"""The interface language is the one the visitor chose, never the browser's guess.

Django's ``LocaleMiddleware`` falls back to the ``Accept-Language`` header, so a browser set to
English got an English portal (and admin) without asking. Here the language comes only from the
cookie the language switch sets (``set_language``); without it the site speaks ``LANGUAGE_CODE``
(Indonesian). Signed-in editors' own admin preference still applies inside Wagtail's admin.
"""
from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
