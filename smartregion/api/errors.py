"""The API's error answers: DRF's format (`{"detail": ...}`) in the request's language for every error.

Django's own Http404 and PermissionDenied carry an English text made for developers ("No FundingProgramme
matches the given query."); the API answers them with DRF's translated defaults instead.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)
