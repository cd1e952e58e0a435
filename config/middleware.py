"""Middleware of the project: the chosen language, and no caching of a user's pages.

Language selection: Dutch unless the user chose another language. Django's
LocaleMiddleware follows the browser's Accept-Language header, which on the
English-language browsers common in government offices switched dates and Django's
own messages to English in an otherwise Dutch application. Here the language is
``LANGUAGE_CODE`` (nl-be), the only one in ``LANGUAGES``; a language cookie naming a
language outside ``LANGUAGES`` is ignored.
"""

from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject, empty


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class PrivateResponsesMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in user.

    Pages and API answers for a user carry that user's data: no shared proxy may keep
    them and no browser may keep them on disk (the back button after logging out on a
    shared computer). Static files never get here (WhiteNoise answers them first).

    A user that the view never looked at is not loaded for this (that would cost a query
    on pages that do not need one); a request with a session cookie then counts as signed
    in. DRF sets the user it authenticated (token or session) on the request itself.
    """

    VALUE = "private, no-store"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._signed_in(request):
            response.headers["Cache-Control"] = self.VALUE
        return response

    @staticmethod
    def _signed_in(request) -> bool:
        user = request.__dict__.get("user")
        if user is None:
            return False
        if isinstance(user, SimpleLazyObject) and user._wrapped is empty:
            return settings.SESSION_COOKIE_NAME in request.COOKIES
        return bool(user.is_authenticated)
