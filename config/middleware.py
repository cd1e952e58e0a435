"""Language selection: Dutch unless the user chose another language.

Django's LocaleMiddleware follows the browser's Accept-Language header, which on the
English-language browsers common in government offices switched dates and Django's
own messages to English in an otherwise Dutch application. Here the language comes
from the user's explicit choice (the language cookie set by ``set_language``), and
otherwise from ``LANGUAGE_CODE`` (nl-be).
"""

from django.conf import settings
from django.utils import translation


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
